package dev.ptrace.analyze.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SQL text with named parameters ({@code $trace_id}; {@code $1} is the parameter named
 * {@code 1}) made into what DuckDB's JDBC driver takes, a {@code ?} per use, and bound by name:
 * the same name bound twice gets the same value, and a name nobody gives a value is an error,
 * not another parameter's value. Parameters are found outside string literals, quoted names
 * and comments only, so {@code '$1'} and {@code -- $2} stay text.
 *
 * @param texts the statement's text between the uses of parameters: one more than uses
 * @param uses  the name of each use of a parameter, in order
 */
public record NamedParameters(List<String> texts, List<String> uses) {

    /** {@code sql} with its parameters found. */
    public static NamedParameters of(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> uses = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = closing(sql, i + 1, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                end = lineEnd(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                end = close < 0 ? n : close + 2;
            } else if (c == '$' && i + 1 < n && isNameChar(sql.charAt(i + 1))) {
                end = i + 1;
                while (end < n && isNameChar(sql.charAt(end))) {
                    end++;
                }
                uses.add(sql.substring(i + 1, end));
                texts.add(out.toString());
                out.setLength(0);
                i = end;
                continue;
            } else {
                end = i + 1;
            }
            out.append(sql, i, end);
            i = end;
        }
        texts.add(out.toString());
        return new NamedParameters(List.copyOf(texts), List.copyOf(uses));
    }

    /** What DuckDB's JDBC driver takes: a {@code ?} for each use of a parameter. */
    public String jdbc() {
        return String.join("?", texts);
    }

    /**
     * The statement with each parameter written as the SQL literal {@code literals} gives for
     * its name (the query a user can run again as it stands); a name without one stays.
     */
    public String inline(Map<String, String> literals) {
        StringBuilder s = new StringBuilder(texts.get(0));
        for (int i = 0; i < uses.size(); i++) {
            String name = uses.get(i);
            s.append(literals.getOrDefault(name, "$" + name)).append(texts.get(i + 1));
        }
        return s.toString();
    }

    /** The names used, each once, in order of first use. */
    public Set<String> names() {
        return new LinkedHashSet<>(uses);
    }

    /** The statement prepared with {@code values} bound by name; fails on a name without one. */
    public PreparedStatement prepare(Connection conn, Map<String, ?> values)
            throws SQLException {
        for (String name : uses) {
            if (!values.containsKey(name)) {
                throw new SQLException("no value for parameter $" + name);
            }
        }
        PreparedStatement ps = conn.prepareStatement(jdbc());
        try {
            for (int i = 0; i < uses.size(); i++) {
                ps.setObject(i + 1, values.get(uses.get(i)));
            }
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
        return ps;
    }

    /** Index after the quote that closes a literal opened before {@code from}; '' is a quote. */
    private static int closing(String sql, int from, char quote) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int lineEnd(String sql, int from) {
        int nl = sql.indexOf('\n', from);
        return nl < 0 ? sql.length() : nl;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
