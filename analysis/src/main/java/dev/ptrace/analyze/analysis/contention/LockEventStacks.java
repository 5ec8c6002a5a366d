package dev.ptrace.analyze.analysis.contention;

import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.ChunkRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Call stacks of a trace, leaf first, by stack_id: those of its lock:contention events, or any. */
public final class LockEventStacks {
    private static final String STACKS_SQL =
            TextResource.load("/sql/contention/lock_event_stacks.sql");

    /** Receives each stack of a query, whole. */
    @FunctionalInterface
    public interface StackConsumer {
        void accept(long stackId, List<Frame> frames);
    }

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
        forEach(conn, sql, traceId, stacks::put);
        return stacks;
    }

    /** Each stack such a query selects, one at a time: nothing is kept but the stack at hand. */
    public static void forEach(Connection conn, String sql, int traceId, StackConsumer consumer)
            throws SQLException {
        try (ChunkRows rs = ChunkRows.query(conn, sql, traceId)) {
            long current = 0;
            List<Frame> frames = null;
            while (rs.next()) {
                long id = rs.getLong(1);
                if (frames == null || id != current) {
                    if (frames != null) {
                        consumer.accept(current, frames);
                    }
                    current = id;
                    frames = new ArrayList<>();
                }
                frames.add(new Frame(rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5)));
            }
            if (frames != null) {
                consumer.accept(current, frames);
            }
        }
    }
}
