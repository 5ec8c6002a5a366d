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
import java.util.Map;
import java.util.Set;

/**
 * The rows of one table of tables.tsv as a Java record: the record's components are the
 * table's columns, in the table's order, each named as its column (in camel case:
 * {@code saved_ns} is {@code savedNs}) and of a type that holds the column's values. Checked
 * when made, so that a record that drifts from its table fails on first use, not in a query.
 * Rows are written and read by name, never by position by hand.
 *
 * @param <R> the record of a row
 */
public final class TableRows<R extends Record> {
    /** Java types a column of each DuckDB type is read into; the boxed one when NULL is allowed. */
    private static final Map<String, List<Class<?>>> JAVA_TYPES = Map.of(
            "INTEGER", List.of(int.class, Integer.class),
            "BIGINT", List.of(long.class, Long.class),
            "BOOLEAN", List.of(boolean.class, Boolean.class),
            "DOUBLE", List.of(double.class, Double.class),
            "VARCHAR", List.of(String.class),
            "TIMESTAMP", List.of(Instant.class));

    private static final Set<String> BULK_TYPES = Set.of("INTEGER", "BIGINT", "BOOLEAN",
            "VARCHAR");

    private final TableDef table;
    private final RecordComponent[] components;
    private final Constructor<R> constructor;
    /** Whether BulkRows writes every column of the table. */
    private final boolean bulk;

    private TableRows(TableDef table, Class<R> type) {
        this.table = table;
        this.components = type.getRecordComponents();
        if (components.length != table.columns().size()) {
            throw mismatch(type, components.length + " components for "
                    + table.columns().size() + " columns");
        }
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Column c = table.columns().get(i);
            RecordComponent rc = components[i];
            if (!rc.getName().equals(javaName(c.name()))) {
                throw mismatch(type, "component " + rc.getName() + " stands where column "
                        + c.name() + " is");
            }
            List<Class<?>> allowed = JAVA_TYPES.get(c.type());
            if (allowed == null || !allowed.contains(rc.getType())) {
                throw mismatch(type, "component " + rc.getName() + " is a "
                        + rc.getType().getSimpleName() + ", column " + c.name() + " a "
                        + c.type());
            }
            types[i] = rc.getType();
        }
        this.bulk = table.columns().stream().allMatch(c -> BULK_TYPES.contains(c.type()));
        try {
            this.constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw mismatch(type, "no canonical constructor");
        }
    }

    /** The rows of {@code table} as {@code type}: fails when they do not match. */
    public static <R extends Record> TableRows<R> of(TableDef table, Class<R> type) {
        return new TableRows<>(table, type);
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
        if (bulk) {
            try (BulkRows b = new BulkRows(table)) {
                Object[] values = new Object[components.length];
                for (R row : rows) {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = get(row, components[i]);
                    }
                    b.row(values);
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

    /** Every row of {@code rs}, whose columns are found by name (other columns are ignored). */
    public List<R> read(ResultSet rs) throws SQLException {
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

    /** {@code saved_ns} as a Java name: {@code savedNs}. */
    static String javaName(String column) {
        StringBuilder s = new StringBuilder(column.length());
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                s.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return s.toString();
    }

    private IllegalStateException mismatch(Class<?> type, String what) {
        return new IllegalStateException(type.getSimpleName() + " is not a row of "
                + table.name() + " (tables.tsv): " + what);
    }
}
