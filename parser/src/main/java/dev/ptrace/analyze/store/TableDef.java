package dev.ptrace.analyze.store;

import dev.ptrace.analyze.knowledge.TextResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A table defined once: its DDL, its comments in the database and its documentation. */
public record TableDef(String name, String doc, List<Column> columns) {

    public String createSql() {
        return TextResource.fill("/sql/store/ddl/create_table.sql",
                Map.of("table", name, "columns", columnList()));
    }

    /**
     * A temporary copy of the table that hides it from the connection's queries, for rows a
     * read-only database cannot keep.
     */
    public String shadowSql() {
        return TextResource.fill("/sql/store/ddl/create_shadow_table.sql", Map.of("table", name));
    }

    private String columnList() {
        return columns.stream().map(c -> c.name() + " " + c.type())
                .collect(Collectors.joining(", "));
    }

    /** An insert of one row: a parameter per column, in the table's order. */
    public String insertSql() {
        return TextResource.fill("/sql/store/ddl/insert_row.sql", Map.of("table", name,
                "parameters", columns.stream().map(c -> "?").collect(Collectors.joining(", "))));
    }

    /** {@code COMMENT ON} statements, so that {@code duckdb_columns()} documents the table. */
    public List<String> commentSql() {
        List<String> out = new ArrayList<>();
        out.add(TextResource.fill("/sql/store/ddl/comment_table.sql",
                Map.of("table", name, "doc", quote(doc))));
        for (Column c : columns) {
            out.add(TextResource.fill("/sql/store/ddl/comment_column.sql",
                    Map.of("table", name, "column", c.name(), "doc", quote(c.doc()))));
        }
        return out;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
