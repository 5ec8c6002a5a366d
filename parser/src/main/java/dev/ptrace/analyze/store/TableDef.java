package dev.ptrace.analyze.store;

import java.util.List;
import java.util.stream.Collectors;

/** A table defined once: its DDL, its comments in the database and its documentation. */
public record TableDef(String name, String doc, List<Column> columns) {

    public String createSql() {
        return "CREATE TABLE IF NOT EXISTS " + name + " (" + columnList() + ")";
    }

    /** The table as a temporary one of the connection (the analysis tables). */
    public String createTempSql() {
        return "CREATE TEMP TABLE IF NOT EXISTS " + name + " (" + columnList() + ")";
    }

    private String columnList() {
        return columns.stream().map(c -> c.name() + " " + c.type())
                .collect(Collectors.joining(", "));
    }

    /** An insert of one row: a parameter per column, in the table's order. */
    public String insertSql() {
        return "INSERT INTO " + name + " VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** {@code COMMENT ON} statements, so that {@code duckdb_columns()} documents the table. */
    public List<String> commentSql() {
        List<String> out = new java.util.ArrayList<>();
        out.add("COMMENT ON TABLE " + name + " IS " + quote(doc));
        for (Column c : columns) {
            out.add("COMMENT ON COLUMN " + name + "." + c.name() + " IS " + quote(c.doc()));
        }
        return out;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
