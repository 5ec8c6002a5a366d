package dev.ptrace.analyze.analysis.replay;

import dev.ptrace.analyze.knowledge.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Streams the events of one trace the lock analysis needs, in time order, to a consumer. */
public final class ReplayEvents {
    private static final String SQL = SqlResource.load("/sql/locks/replay_events.sql");

    /** Receives each event; may throw SQLException when it writes to the database. */
    @FunctionalInterface
    public interface Consumer {
        void accept(ReplayEvent e) throws SQLException;
    }

    private ReplayEvents() {
    }

    public static void replay(Connection conn, int traceId, Consumer consumer)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(SQL)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(new ReplayEvent(ReplayEvent.Kind.of(rs.getString(1)),
                            rs.getLong(2), (Integer) rs.getObject(4), rs.getInt(5),
                            rs.getString(6), (Integer) rs.getObject(7), rs.getString(8),
                            (Integer) rs.getObject(9), rs.getString(10),
                            (Integer) rs.getObject(11), rs.getString(12),
                            (Long) rs.getObject(13), (Boolean) rs.getObject(14),
                            (Boolean) rs.getObject(15), (Long) rs.getObject(16)));
                }
            }
        }
    }
}
