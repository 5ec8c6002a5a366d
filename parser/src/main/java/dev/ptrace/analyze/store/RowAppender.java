package dev.ptrace.analyze.store;

import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Appends rows of one table, value by value, nulls included (a DuckDB Appender). */
public final class RowAppender implements AutoCloseable {
    private final DuckDBAppender appender;

    private RowAppender(DuckDBAppender appender) {
        this.appender = appender;
    }

    public static RowAppender open(DuckDBConnection conn, TableDef table) throws SQLException {
        return new RowAppender(conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                table.name()));
    }

    /** Appends one row; the values in the table's column order. */
    public void row(Object... values) throws SQLException {
        appender.beginRow();
        for (Object v : values) {
            append(appender, v);
        }
        appender.endRow();
    }

    @Override
    public void close() throws SQLException {
        appender.close();
    }

    /** Appends an Integer, Long, Boolean or (as text) anything else; null as NULL. */
    static void append(DuckDBAppender a, Object v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else if (v instanceof Integer i) {
            a.append(i.intValue());
        } else if (v instanceof Long l) {
            a.append(l.longValue());
        } else if (v instanceof Boolean b) {
            a.append(b.booleanValue());
        } else {
            a.append(v.toString());
        }
    }
}
