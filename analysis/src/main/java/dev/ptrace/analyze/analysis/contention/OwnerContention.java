package dev.ptrace.analyze.analysis.contention;

import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contention by owner: the waiting of every wait given to the threads it waited for, as the
 * lock models say (blame), over the whole wait and for every lock kind; perf's {@code -o}
 * samples the owner once, at the start, and only for mutexes and rwsems with BPF. A row per
 * owner: the waits it held up, the time they waited for it.
 */
final class OwnerContention {
    private static final String THREAD_NAMES_SQL =
            TextResource.load("/sql/contention/thread_names.sql");
    private static final String SQL = TextResource.load("/sql/contention/owner_waits.sql");

    private OwnerContention() {
    }

    static PerfLockContention.Result run(Connection conn, int traceId,
                                         PerfLockContention.Options options)
            throws SQLException {
        ContentionFilter filter = options.filter();
        Map<Long, List<Frame>> stacks = filter.callstacks().isEmpty() ? Map.of()
                : LockEventStacks.load(conn, traceId);
        Map<Integer, String> comms = new HashMap<>();
        Query.forEach(conn, THREAD_NAMES_SQL, rs -> comms.put(rs.getInt(1), rs.getString(2)),
                traceId);
        Map<Integer, ContentionStats> rows = new LinkedHashMap<>();
        long events = 0;
        try (PreparedStatement ps = options.bind(conn.prepareStatement(SQL), traceId)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int flags = rs.getInt("flags");
                    boolean futex = rs.getBoolean("futex");
                    if (!(futex ? filter.keepsType(FutexContention.TYPE) : filter.keepsType(flags))
                            || !filter.keepsLock(rs.getString("lock_addr"),
                            rs.getString("name")) || !filter.keepsStack(stacks.getOrDefault(
                            rs.getLong("stack_id"), List.of()))) {
                        continue;
                    }
                    events++;
                    int blocker = rs.getInt("blocker");
                    ContentionStats row = rows.computeIfAbsent(blocker, b -> new ContentionStats(
                            b < 0 ? "unknown" : comms.getOrDefault(b, ":" + b),
                            futex ? FutexContention.TYPE : LockTypes.name(flags)));
                    row.contended++;
                    row.waited(rs.getLong("ns"));
                }
            }
        }
        List<ContentionRow> out = new ArrayList<>();
        rows.forEach((tid, s) -> out.add(s.row(tid, null)));
        out.sort(Comparator.comparingLong(ContentionRow::totalNs).reversed()
                .thenComparingLong(ContentionRow::key));
        Map<String, PerfLockContention.HoldFigure> byThread = PerfLockContention.holdFigures(
                conn, traceId, ContentionKey.THREAD);
        Map<Long, PerfLockContention.HoldFigure> holds = new HashMap<>();
        out.forEach(r -> {
            PerfLockContention.HoldFigure f = byThread.get(Long.toString(r.key()));
            if (f != null) {
                holds.put(r.key(), f);
            }
        });
        return new PerfLockContention.Result(ContentionKey.OWNER, out, 0, 0, 0, 0, 0, events,
                holds, Map.of());
    }
}
