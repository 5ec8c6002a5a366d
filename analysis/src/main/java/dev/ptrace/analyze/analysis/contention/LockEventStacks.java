package dev.ptrace.analyze.analysis.contention;

import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Call stacks of a trace, leaf first, by stack_id: those of its lock:contention events, or any. */
public final class LockEventStacks {
    private static final String STACKS_SQL =
            SqlResource.load("/sql/contention/lock_event_stacks.sql");

    private LockEventStacks() {
    }

    public static Map<Long, List<Frame>> load(Connection conn, int traceId) throws SQLException {
        return load(conn, STACKS_SQL, traceId);
    }

    /**
     * The stacks an SQL query selects ($1: trace_id; columns stack_id, ip, symbol,
     * symbol_offset, module; ordered by stack and depth).
     */
    public static Map<Long, List<Frame>> load(Connection conn, String sql, int traceId)
            throws SQLException {
        Map<Long, List<Frame>> stacks = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stacks.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                            .add(new Frame(rs.getString(2), rs.getString(3), rs.getLong(4),
                                    rs.getString(5)));
                }
            }
        }
        return stacks;
    }
}
