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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lock contention of one stored trace with {@code perf lock contention}'s figures: replays the
 * trace's contention events in input order through {@link PerfContentionAccounting}. The waits
 * on user-space locks (futex), which perf does not see, follow as rows of type futex
 * ({@link FutexContention}).
 */
public final class PerfLockContention {
    private static final String LOCK_NAMES_SQL =
            TextResource.load("/sql/contention/lock_names.sql");
    private static final String EVENTS_SQL = TextResource.load("/sql/contention/lock_events.sql");
    private static final String HOLDS_SQL = TextResource.load("/sql/contention/hold_figures.sql");
    private static final String THREADS_SQL =
            TextResource.load("/sql/contention/thread_names.sql");

    /**
     * How to group and how to find callers (perf's defaults: 3 frames skipped of 8), and which
     * threads to count: those of process {@code pid}, or thread {@code tid} (null: all), as
     * perf's {@code -p} and {@code --tid} record only those.
     */
    public record Options(ContentionKey by, int stackSkip, int maxStack, Integer pid,
                          Integer tid, ContentionFilter filter) {
        public static Options perfDefaults(ContentionKey by) {
            return new Options(by, PerfCallerRule.DEFAULT_STACK_SKIP,
                    PerfCallerRule.DEFAULT_MAX_STACK, null, null, ContentionFilter.NONE);
        }

        public Options forProcess(Integer processId, Integer threadId) {
            return new Options(by, stackSkip, maxStack, processId, threadId, filter);
        }

        public Options filtered(ContentionFilter f) {
            return new Options(by, stackSkip, maxStack, pid, tid, f.normalised());
        }

        /** Binds what the event queries take: $1 trace, $2 pid, $3 tid, $4-$5 the window. */
        PreparedStatement bind(PreparedStatement ps, int traceId) throws SQLException {
            ps.setInt(1, traceId);
            ps.setObject(2, pid);
            ps.setObject(3, tid);
            ps.setObject(4, filter.fromNs());
            ps.setObject(5, filter.toNs());
            return ps;
        }
    }

    /**
     * The figures and what could not be used.
     *
     * @param rows          sorted by total wait, longest first (perf's default key)
     * @param openWaits     waits begun that never ended in the trace
     * @param endsWithoutBegin contention_end events with no open wait on that lock
     * @param nestedBegins  begins inside an open wait on the same lock (ignored, as perf does)
     * @param ignoredEnds   ends whose call stack matches no row (ignored, as perf does)
     * @param beginsWithoutStack begins the input shows without a callchain, so without a caller
     *                      (perf script prints none when it cannot resolve every entry, while
     *                      perf lock reads only the first few): their caller is Unknown
     * @param events        contention events read
     */
    public record Result(ContentionKey by, List<ContentionRow> rows, long openWaits,
                         long endsWithoutBegin, long nestedBegins, long ignoredEnds,
                         long beginsWithoutStack, long events, Map<Long, HoldFigure> holds,
                         Map<Long, List<Frame>> stacks) {
        /** The rows in another order, at most {@code entries} of them. */
        public Result sorted(ContentionSortKey key, int entries) {
            List<ContentionRow> r = new ArrayList<>(rows);
            r.sort(key.order());
            return new Result(by, List.copyOf(r.subList(0, Math.min(entries, r.size()))),
                    openWaits, endsWithoutBegin, nestedBegins, ignoredEnds, beginsWithoutStack,
                    events, holds, stacks);
        }
    }

    /** The holds behind a row (by lock, thread or owner): how many, total and longest. */
    public record HoldFigure(long holds, long totalNs, long maxNs) {
    }

    /**
     * Row key of waits without a callchain, one per lock type. perf keys them all alike (its
     * callchain id of nothing is 0) and so prints one Unknown row typed by the first wait;
     * traces without stacks (ftrace text, perf record without -g) read better with a row per
     * type, and no stack-bearing row changes.
     */
    private static final long STACKLESS_KEY = 0x5EED_0000_0000_0000L;

    private PerfLockContention() {
    }

    public static Result run(Connection conn, int traceId, Options options) throws SQLException {
        if (options.by() == ContentionKey.OWNER) {
            return OwnerContention.run(conn, traceId, options);
        }
        PerfCallerRule rule = new PerfCallerRule(options.stackSkip(), options.maxStack(),
                LockFunctions.shipped());
        ContentionFilter filter = options.filter();
        Map<Long, List<Frame>> stacks = options.by() == ContentionKey.CALLER
                || !filter.callstacks().isEmpty() ? LockEventStacks.load(conn, traceId)
                : Map.of();
        Map<Integer, String> comms = options.by() == ContentionKey.THREAD
                ? comms(conn, traceId) : Map.of();
        Map<String, String> lockNames = options.by() == ContentionKey.LOCK
                || !filter.locks().isEmpty() ? lockNames(conn, traceId) : Map.of();
        Map<String, Long> lockKeys = new HashMap<>();
        Set<String> filteredOut = new HashSet<>();
        Map<Long, Long> keyOfStack = new HashMap<>();
        Map<Long, List<Frame>> rowStacks = new HashMap<>();
        PerfContentionAccounting acc = new PerfContentionAccounting();
        long events = 0;
        long beginsWithoutStack = 0;
        try (PreparedStatement ps = options.bind(conn.prepareStatement(EVENTS_SQL), traceId)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events++;
                    int tid = rs.getInt(1);
                    boolean begin = rs.getBoolean(2);
                    String lock = rs.getString(3);
                    long ts = rs.getLong(5);
                    long stackId = rs.getLong(6);
                    List<Frame> frames = stacks.getOrDefault(stackId, List.of());
                    boolean stackless = stackId < 0 && options.by() == ContentionKey.CALLER;
                    int flags = rs.getInt(4);
                    String waitKey = tid + "/" + lock;
                    if (begin && !(filter.keepsType(flags)
                            && filter.keepsLock(lock, lockNames.get(lock))
                            && filter.keepsStack(frames.subList(0, Math.min(frames.size(),
                                    options.maxStack()))))) {
                        filteredOut.add(waitKey); // its end is left out with it
                        continue;
                    }
                    if (!begin && filteredOut.remove(waitKey)) {
                        continue;
                    }
                    long key = switch (options.by()) {
                        case THREAD -> tid;
                        case LOCK -> lockKeys.computeIfAbsent(lock,
                                l -> (long) lockKeys.size() + 1);
                        default -> stackless ? STACKLESS_KEY ^ flags
                                : keyOfStack.computeIfAbsent(stackId, id -> rule.key(frames));
                    };
                    if (begin && stackId < 0) {
                        beginsWithoutStack++;
                    }
                    if (begin && options.by() == ContentionKey.CALLER && !frames.isEmpty()) {
                        rowStacks.putIfAbsent(key, frames);
                    }
                    if (begin) {
                        acc.begin(tid, lock, flags, ts, key, () -> switch (options.by()) {
                            case THREAD -> comms.getOrDefault(tid, ":" + tid);
                            case LOCK -> lockNames.getOrDefault(lock, "");
                            default -> rule.caller(frames);
                        });
                    } else if (stackless) {
                        acc.endOfOpenWait(tid, lock, ts);
                    } else {
                        acc.end(tid, lock, ts, key);
                    }
                }
            }
        }
        List<ContentionRow> rows = new ArrayList<>(acc.rows());
        if (options.by() == ContentionKey.LOCK) {
            Map<Long, String> addrOfKey = new HashMap<>();
            lockKeys.forEach((lock, key) -> addrOfKey.put(key, lock));
            rows.replaceAll(r -> r.withLockAddr(addrOfKey.get(r.key())));
        }
        rows.addAll(FutexContention.rows(conn, traceId, options, rowStacks));
        // ties: by address then symbol (by lock), else by label
        rows.sort(Comparator.comparingLong(ContentionRow::totalNs).reversed()
                .thenComparing(Comparator.comparingLong(ContentionRow::contended).reversed())
                .thenComparing(r -> r.lockAddr() == null ? r.label()
                        : r.lockAddr() + " " + r.label())
                .thenComparingLong(ContentionRow::key));
        Map<Long, HoldFigure> holds = new HashMap<>();
        if (options.by() == ContentionKey.LOCK || options.by() == ContentionKey.THREAD) {
            Map<String, HoldFigure> byKey = holdFigures(conn, traceId, options.by());
            lockKeys.forEach((lock, key) -> put(holds, key, byKey.get(lock)));
            if (options.by() == ContentionKey.THREAD) {
                rows.forEach(r -> put(holds, r.key(), byKey.get(Long.toString(r.key()))));
            }
        }
        return new Result(options.by(), rows, acc.openWaits(),
                acc.badEvents().getOrDefault(PerfContentionAccounting.BadEvent.END_WITHOUT_BEGIN,
                        0L),
                acc.ignoredNestedBegins(), acc.ignoredEndsWithoutRow(), beginsWithoutStack,
                events, holds, rowStacks);
    }

    private static void put(Map<Long, HoldFigure> holds, long key, HoldFigure f) {
        if (f != null) {
            holds.put(key, f);
        }
    }

    /** Holds by lock address or by thread id (as text). */
    static Map<String, HoldFigure> holdFigures(Connection conn, int traceId, ContentionKey by)
            throws SQLException {
        Map<String, HoldFigure> out = new HashMap<>();
        Query.forEach(conn, HOLDS_SQL, rs -> {
            out.put(rs.getString(1), new HoldFigure(rs.getLong(2), rs.getLong(3),
                    rs.getLong(4)));
        }, traceId, by == ContentionKey.LOCK ? "lock" : "thread");
        return out;
    }

    /** Lock names by address as the trace prints it (locks: name, and mmap_lock's pid). */
    private static Map<String, String> lockNames(Connection conn, int traceId)
            throws SQLException {
        Map<String, String> names = new HashMap<>();
        Query.forEach(conn, LOCK_NAMES_SQL, rs -> {
            String name = rs.getString(2);
            Object pid = rs.getObject(3);
            if (name != null) {
                names.put(rs.getString(1), pid == null ? name : name + " (pid " + pid
                        + ")");
            }
        }, traceId);
        return names;
    }

    private static Map<Integer, String> comms(Connection conn, int traceId) throws SQLException {
        Map<Integer, String> comms = new HashMap<>();
        Query.forEach(conn, THREADS_SQL, rs -> comms.put(rs.getInt(1), rs.getString(2)), traceId);
        return comms;
    }
}
