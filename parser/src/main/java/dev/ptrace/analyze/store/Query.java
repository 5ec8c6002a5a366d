package dev.ptrace.analyze.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement of the tool's SQL run with its parameters bound in order ($1, $2, ...): the
 * prepare, bind, execute and close every query repeats, written once. For many rows of
 * numbers, {@link ChunkRows} reads a vector at a time.
 */
public final class Query {
    /** Reads one row into a value. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Takes one row. */
    @FunctionalInterface
    public interface Each {
        void row(ResultSet rs) throws SQLException;
    }

    private Query() {
    }

    /** Gives every row of {@code sql} to {@code each}, in order. */
    public static void forEach(Connection conn, String sql, Each each, Object... params)
            throws SQLException {
        try (PreparedStatement ps = bound(conn, sql, params);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                each.row(rs);
            }
        }
    }

    /** Every row of {@code sql}, each read by {@code row}. */
    public static <T> List<T> list(Connection conn, String sql, Row<T> row, Object... params)
            throws SQLException {
        List<T> out = new ArrayList<>();
        forEach(conn, sql, rs -> out.add(row.read(rs)), params);
        return out;
    }

    /** The first row of {@code sql} read by {@code row}, or null when there is none. */
    public static <T> T first(Connection conn, String sql, Row<T> row, Object... params)
            throws SQLException {
        try (PreparedStatement ps = bound(conn, sql, params);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? row.read(rs) : null;
        }
    }

    /** Runs a statement that changes rows; how many it changed. */
    public static int update(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = bound(conn, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** {@code sql} prepared with {@code params} bound to $1, $2, ...; the caller closes it. */
    static PreparedStatement bound(Connection conn, String sql, Object... params)
            throws SQLException {
        PreparedStatement ps = conn.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
