package dev.ptrace.analyze.analysis.contention;

import dev.ptrace.analyze.analysis.locks.FutexOps;
import dev.ptrace.analyze.analysis.locks.UserLockNames;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The waits on user-space locks (futex words) of one trace as contention rows beside perf's
 * kernel-lock rows, read from the futex calls as perf's rows from the lock events (no lock
 * replay needed but for the words' names), grouped by the same keys: by caller (the first frame of the wait's user
 * stack past the lock functions of user-lock-names.tsv), by thread, by lock (its address and
 * name). perf lock contention sees none of them; their type is {@value #TYPE}.
 */
final class FutexContention {
    static final String TYPE = "futex";
    private static final String WAITS_SQL = TextResource.fill("/sql/contention/futex_waits.sql",
            Map.of("roles", FutexOps.values()));
    private static final String STACKS_SQL = TextResource.load("/sql/locks/futex_stacks.sql");
    /** Row keys by caller and by lock, apart from perf's callchain ids and lock numbers. */
    private static final long KEY_BASE = 0x7EED_0000_0000_0000L;
    private static final UserLockNames NAMES = UserLockNames.shipped();

    private FutexContention() {
    }

    /** The rows, in the order their first wait began, and each caller row's stack. */
    static List<ContentionRow> rows(Connection conn, int traceId,
                                    PerfLockContention.Options options,
                                    Map<Long, List<Frame>> rowStacks) throws SQLException {
        ContentionFilter filter = options.filter();
        if (!filter.keepsType(TYPE)) {
            return List.of();
        }
        ContentionKey by = options.by();
        Map<Long, List<Frame>> stacks = LockEventStacks.load(conn, STACKS_SQL, traceId);
        Map<String, ContentionStats> byLabel = new LinkedHashMap<>();
        Map<String, String> addrOf = new LinkedHashMap<>();
        Map<String, Long> keys = new LinkedHashMap<>();
        Map<String, List<Frame>> stackOf = new LinkedHashMap<>();
        Query.forEach(conn, WAITS_SQL, rs -> {
            int tid = rs.getInt(1);
            String addr = rs.getString(3);
            String name = rs.getString(4);
            List<Frame> frames = stacks.getOrDefault(rs.getLong(7), List.of());
            if (!filter.keepsLock(addr, name) || !filter.keepsStack(frames.subList(0,
                    Math.min(frames.size(), options.maxStack())))) {
                return;
            }
            String group = switch (by) {
                case THREAD -> Integer.toString(tid);
                case LOCK -> addr;
                default -> NAMES.caller(frames);
            };
            String comm = rs.getString(2);
            // a thread's row says futex: perf's text has no type column for threads
            ContentionStats t = byLabel.computeIfAbsent(group, g -> new ContentionStats(
                    switch (by) {
                        case THREAD -> (comm == null ? ":" + tid : comm) + " (" + TYPE + ")";
                        case LOCK -> name == null ? "" : name;
                        default -> g;
                    }, TYPE));
            addrOf.putIfAbsent(group, by == ContentionKey.LOCK ? addr : null);
            keys.computeIfAbsent(group, g -> by == ContentionKey.THREAD ? tid
                    : KEY_BASE + keys.size());
            stackOf.putIfAbsent(group, frames);
            t.contended++;
            if (!rs.getBoolean(6)) {
                t.waited(rs.getLong(5));
            }
        }, traceId, options.pid(), options.tid(), filter.fromNs(), filter.toNs());
        List<ContentionRow> rows = new ArrayList<>();
        byLabel.forEach((group, t) -> {
            long key = keys.get(group);
            rows.add(t.row(key, addrOf.get(group)));
            if (by == ContentionKey.CALLER && !stackOf.get(group).isEmpty()) {
                rowStacks.putIfAbsent(key, stackOf.get(group));
            }
        });
        return rows;
    }
}
