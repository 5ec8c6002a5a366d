package dev.ptrace.analyze.fleet;

/**
 * A fleet question: a named query over a lake's tables.
 *
 * @param name     what {@code fleet NAME} calls it
 * @param kind     how its rows are read
 * @param answers  what it answers, in a line
 * @param sql      its SQL, as DuckDB and Spark SQL read it
 * @param sparkSql Spark SQL's own variant, where it needs one; else the same as {@code sql}
 */
public record FleetQuery(String name, Kind kind, String answers, String sql, String sparkSql) {
    /** How the rows are read. */
    public enum Kind {
        /** Printed as they are. */
        ROWS,
        /** One row per trace and metric, compared between two sets of runs as diff does. */
        METRICS
    }
}
