package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.knowledge.TextResource;

/**
 * The query a finding shows, for its reader to run again: a {@code .sql} resource whose
 * parameters ({@code $1}, {@code $2}, ...) are written in as SQL literals (a text quoted, its
 * quotes doubled), on one line, its comments left out.
 */
final class ReproductionQuery {
    private ReproductionQuery() {
    }

    /** {@code /sql/findings/reproduce/NAME.sql} with its parameters written in. */
    static String named(String name, Object... values) {
        return of(TextResource.load("/sql/findings/reproduce/" + name + ".sql"), values);
    }

    /** {@code sql} with {@code $n} replaced by the n-th value: a number, or a text. */
    static String of(String sql, Object... values) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        boolean blank = false;
        for (String line : sql.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (!quoted && Character.isWhitespace(c)) {
                    blank = out.length() > 0;
                    continue;
                }
                if (blank) {
                    out.append(' ');
                    blank = false;
                }
                if (c == '\'') {
                    quoted = !quoted;
                }
                int digits = i + 1;
                while (!quoted && c == '$' && digits < line.length()
                        && Character.isDigit(line.charAt(digits))) {
                    digits++;
                }
                if (digits > i + 1) {
                    out.append(literal(values[Integer.parseInt(line.substring(i + 1, digits))
                            - 1]));
                    i = digits - 1;
                } else {
                    out.append(c);
                }
            }
            blank = out.length() > 0;
        }
        return out.toString();
    }

    private static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Number) {
            return v.toString();
        }
        return "'" + String.valueOf(v).replace("'", "''") + "'";
    }
}
