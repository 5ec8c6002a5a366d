package dev.ptrace.analyze.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs SQL over the trace tables and streams the result into a {@link RowWriter}. */
public final class QueryRunner {
    private QueryRunner() {
    }

    /** Runs {@code sql}; every statement but the last may be a command, the last gives rows. */
    public static long run(Connection conn, String sql, RowWriter writer) throws SQLException {
        long rows = 0;
        try (Statement st = conn.createStatement()) {
            if (!st.execute(sql)) {
                writer.start(List.of("rows_changed"));
                writer.row(List.of((long) st.getUpdateCount()));
                writer.end();
                return 1;
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(md.getColumnLabel(i));
                }
                writer.start(columns);
                while (rs.next()) {
                    List<Object> values = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        values.add(plain(rs.getObject(i)));
                    }
                    writer.row(values);
                    rows++;
                }
                writer.end();
            }
        }
        return rows;
    }

    /** JDBC arrays as lists, so writers need to know only Java types. */
    private static Object plain(Object v) throws SQLException {
        if (v instanceof Array a) {
            Object[] items = (Object[]) a.getArray();
            List<Object> out = new ArrayList<>(items.length);
            for (Object o : Arrays.asList(items)) {
                out.add(plain(o));
            }
            return out;
        }
        return v;
    }
}
