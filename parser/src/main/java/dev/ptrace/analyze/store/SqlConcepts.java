package dev.ptrace.analyze.store;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.knowledge.TsvTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL concepts several queries share (sql/concepts.tsv), defined on a connection as table
 * macros: a query names a concept instead of holding a copy of it. They are temporary (the
 * database file is not changed), so they stand on read-only databases too; DuckDB binds a
 * macro to the tables when it is defined, so a connection defines them once the tables
 * stand ({@link Schema#ensure}, or on opening a stored database).
 */
public final class SqlConcepts {
    private static final String DEFINITIONS = load();

    private SqlConcepts() {
    }

    /** Defines every concept on {@code conn}. */
    public static void define(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(DEFINITIONS);
        }
    }

    /** Each concept's name and what it is (the first lines of its file, in words). */
    static List<Map.Entry<String, String>> documented() {
        TsvTable t = TsvTable.resource(SqlConcepts.class, "/sql/concepts.tsv");
        return t.rows().stream().map(r -> Map.entry(r.get(t.column("name")),
                description(TextResource.load(r.get(t.column("file")))))).toList();
    }

    /** The leading comment of a definition, as one line without its {@code name(...):}. */
    private static String description(String sql) {
        String words = sql.lines().takeWhile(l -> l.startsWith("--"))
                .map(l -> l.substring(2).strip()).collect(Collectors.joining(" "));
        return words.substring(words.indexOf(": ") + 2);
    }

    private static String load() {
        TsvTable t = TsvTable.resource(SqlConcepts.class, "/sql/concepts.tsv");
        return t.rows().stream().map(r -> TextResource.load(r.get(t.column("file"))))
                .collect(Collectors.joining(";\n"));
    }
}
