package dev.ptrace.analyze.store;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one table of tables.tsv as a Java record marked {@link RowOf} with the table:
 * the build has checked that its components are the table's columns, in order, each named as
 * its column in camel case and of a type that holds it, and generated its writer. Rows are
 * written by that writer (or bound to a JDBC batch) and read by column name, never by
 * position by hand.
 *
 * @param <R> the record of a row
 */
public final class TableRows<R extends Record> {
    private final TableDef table;
    private final RecordComponent[] components;
    private final Constructor<R> constructor;
    /** The generated writer, for a table whose every column BulkRows writes; else null. */
    private final RowWriter<R> writer;

    private TableRows(TableDef table, Class<R> type, RowWriter<R> writer) {
        this.table = table;
        RowOf rowOf = type.getAnnotation(RowOf.class);
        if (rowOf == null || !rowOf.value().equals(table.name())) {
            throw mismatch(type, "not marked @RowOf(\"" + table.name()
                    + "\"), by which the build checks it against the table");
        }
        this.components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        boolean bulk = table.columns().stream().allMatch(c -> ColumnKind.of(c.type()) != null);
        if (bulk != (writer != null)) {
            throw mismatch(type, bulk ? "BulkRows writes its columns: give its generated writer"
                    : "BulkRows cannot write all its columns: no writer");
        }
        if (writer == null && components.length != table.columns().size()) {
            throw mismatch(type, "a JDBC batch binds flat records only");
        }
        this.writer = writer;
        try {
            this.constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw mismatch(type, "no canonical constructor");
        }
    }

    /**
     * The rows of {@code table} as {@code type}, inserted by a JDBC batch (a table with a
     * column BulkRows does not write): fails when they do not match.
     */
    public static <R extends Record> TableRows<R> of(TableDef table, Class<R> type) {
        return new TableRows<>(table, type, null);
    }

    /**
     * The rows of {@code table} as {@code type}, inserted through BulkRows by the writer the
     * build generated for {@code type}: fails when they do not match.
     */
    public static <R extends Record> TableRows<R> of(TableDef table, Class<R> type,
                                                     RowWriter<R> writer) {
        return new TableRows<>(table, type, writer);
    }

    public TableDef table() {
        return table;
    }

    /**
     * Inserts {@code rows}, in the connection's transaction: column by column through
     * {@link BulkRows} (a JDBC batch executes row by row: seconds for the tens of thousands
     * of rows of a trace's chains), or as a JDBC batch for a table with a column BulkRows does
     * not write (a TIMESTAMP).
     */
    public void insert(Connection conn, Iterable<? extends R> rows) throws SQLException {
        if (writer != null) {
            try (BulkRows b = new BulkRows(table)) {
                for (R row : rows) {
                    writer.write(b, row);
                }
                b.insert(conn);
            }
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement(table.insertSql())) {
            boolean any = false;
            for (R row : rows) {
                bind(ps, row);
                ps.addBatch();
                any = true;
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }

    /** Inserts one row. */
    public void insert(Connection conn, R row) throws SQLException {
        insert(conn, List.of(row));
    }

    /**
     * Every row of {@code rs}, whose columns are found by name (other columns are ignored); a
     * record whose components stand for a nested record's is written, not read.
     */
    public List<R> read(ResultSet rs) throws SQLException {
        if (components.length != table.columns().size()) {
            throw new IllegalStateException(table.name() + ": rows of "
                    + constructor.getDeclaringClass().getSimpleName() + " are not read back");
        }
        int[] at = new int[components.length];
        for (int i = 0; i < at.length; i++) {
            at[i] = rs.findColumn(table.columns().get(i).name());
        }
        List<R> rows = new ArrayList<>();
        Object[] values = new Object[components.length];
        while (rs.next()) {
            for (int i = 0; i < at.length; i++) {
                values[i] = value(rs, at[i], components[i].getType());
            }
            rows.add(construct(values));
        }
        return rows;
    }

    private void bind(PreparedStatement ps, R row) throws SQLException {
        for (int i = 0; i < components.length; i++) {
            Object v = get(row, components[i]);
            if (v == null) {
                ps.setNull(i + 1, sqlType(table.columns().get(i).type()));
            } else if (v instanceof Instant t) {
                ps.setTimestamp(i + 1, Timestamp.from(t));
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    private static Object value(ResultSet rs, int column, Class<?> type) throws SQLException {
        Object v;
        if (type == int.class || type == Integer.class) {
            v = rs.getInt(column);
        } else if (type == long.class || type == Long.class) {
            v = rs.getLong(column);
        } else if (type == boolean.class || type == Boolean.class) {
            v = rs.getBoolean(column);
        } else if (type == double.class || type == Double.class) {
            v = rs.getDouble(column);
        } else if (type == Instant.class) {
            Timestamp t = rs.getTimestamp(column);
            v = t == null ? null : t.toInstant();
        } else {
            v = rs.getString(column);
        }
        if (rs.wasNull()) {
            if (type.isPrimitive()) {
                throw new StoreException("column " + rs.getMetaData().getColumnName(column)
                        + " is NULL, which a " + type + " cannot hold", null);
            }
            return null;
        }
        return v;
    }

    private static Object get(Record row, RecordComponent c) {
        try {
            return c.getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + row, e);
        }
    }

    private R construct(Object[] values) {
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException("cannot make a row of " + table.name(), e);
        }
    }

    private static int sqlType(String duckType) {
        return switch (duckType) {
            case "INTEGER" -> Types.INTEGER;
            case "BIGINT" -> Types.BIGINT;
            case "BOOLEAN" -> Types.BOOLEAN;
            case "DOUBLE" -> Types.DOUBLE;
            case "TIMESTAMP" -> Types.TIMESTAMP;
            default -> Types.VARCHAR;
        };
    }

    private IllegalStateException mismatch(Class<?> type, String what) {
        return new IllegalStateException(type.getSimpleName() + " is not a row of "
                + table.name() + " (tables.tsv): " + what);
    }
}
