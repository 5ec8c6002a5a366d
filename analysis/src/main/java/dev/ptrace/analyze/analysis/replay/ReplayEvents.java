package dev.ptrace.analyze.analysis.replay;

import dev.ptrace.analyze.knowledge.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Streams the events of one trace the lock analysis needs, in time order, to a consumer. They
 * are read a page at a time: DuckDB's JDBC results are materialised whole, and the consumer
 * appends to the database while it reads, which a streaming result would not allow.
 */
public final class ReplayEvents {
    private static final String SQL = SqlResource.load("/sql/locks/replay_events.sql");

    /** Receives each event; may throw SQLException when it writes to the database. */
    @FunctionalInterface
    public interface Consumer {
        void accept(ReplayEvent e) throws SQLException;
    }

    private ReplayEvents() {
    }

    private static final int PAGE = 250_000;

    public static void replay(Connection conn, int traceId, Consumer consumer)
            throws SQLException {
        long ts = Long.MIN_VALUE;
        long seq = Long.MIN_VALUE;
        int rows = PAGE;
        try (PreparedStatement ps = conn.prepareStatement(SQL)) {
            while (rows == PAGE) {
                ps.setInt(1, traceId);
                ps.setLong(2, ts);
                ps.setLong(3, seq);
                ps.setInt(4, PAGE);
                rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        ts = rs.getLong(2);
                        seq = rs.getLong(3);
                        accept(rs, consumer);
                    }
                }
            }
        }
    }

    private static void accept(ResultSet rs, Consumer consumer) throws SQLException {
        consumer.accept(new ReplayEvent(ReplayEvent.Kind.of(rs.getInt(1)), rs.getLong(2),
                integer(rs, 4), rs.getInt(5), rs.getString(6), integer(rs, 7), rs.getString(8),
                integer(rs, 9), rs.getString(10), integer(rs, 11), rs.getString(12),
                bigint(rs, 13), bool(rs, 14), bool(rs, 15), bigint(rs, 16)));
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Long bigint(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Boolean bool(ResultSet rs, int column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }
}
