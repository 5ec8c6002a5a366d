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

/** The call stacks of a trace's lock:contention events, leaf first, by stack_id. */
public final class LockEventStacks {
    private static final String STACKS_SQL =
            SqlResource.load("/sql/contention/lock_event_stacks.sql");

    private LockEventStacks() {
    }

    public static Map<Long, List<Frame>> load(Connection conn, int traceId) throws SQLException {
        Map<Long, List<Frame>> stacks = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(STACKS_SQL)) {
            ps.setInt(1, traceId);
            ps.setInt(2, traceId);
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
