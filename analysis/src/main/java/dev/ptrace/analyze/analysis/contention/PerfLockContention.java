package dev.ptrace.analyze.analysis.contention;

import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lock contention of one stored trace with {@code perf lock contention}'s figures: replays the
 * trace's contention events in input order through {@link PerfContentionAccounting}.
 */
public final class PerfLockContention {
    private static final String EVENTS_SQL = SqlResource.load("/sql/contention/lock_events.sql");
    private static final String THREADS_SQL =
            SqlResource.load("/sql/contention/thread_names.sql");

    /**
     * How to group and how to find callers (perf's defaults: 3 frames skipped of 8), and which
     * threads to count: those of process {@code pid}, or thread {@code tid} (null: all), as
     * perf's {@code -p} and {@code --tid} record only those.
     */
    public record Options(ContentionKey by, int stackSkip, int maxStack, Integer pid,
                          Integer tid) {
        public static Options perfDefaults(ContentionKey by) {
            return new Options(by, PerfCallerRule.DEFAULT_STACK_SKIP,
                    PerfCallerRule.DEFAULT_MAX_STACK, null, null);
        }

        public Options forProcess(Integer processId, Integer threadId) {
            return new Options(by, stackSkip, maxStack, processId, threadId);
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
                         long beginsWithoutStack, long events) {
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
        PerfCallerRule rule = new PerfCallerRule(options.stackSkip(), options.maxStack(),
                LockFunctions.shipped());
        Map<Long, List<Frame>> stacks = options.by() == ContentionKey.CALLER
                ? LockEventStacks.load(conn, traceId) : Map.of();
        Map<Integer, String> comms = options.by() == ContentionKey.THREAD
                ? comms(conn, traceId) : Map.of();
        Map<Long, Long> keyOfStack = new HashMap<>();
        PerfContentionAccounting acc = new PerfContentionAccounting();
        long events = 0;
        long beginsWithoutStack = 0;
        try (PreparedStatement ps = conn.prepareStatement(EVENTS_SQL)) {
            ps.setInt(1, traceId);
            ps.setObject(2, options.pid());
            ps.setObject(3, options.tid());
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
                    long key = options.by() == ContentionKey.THREAD ? tid
                            : stackless ? STACKLESS_KEY ^ flags
                            : keyOfStack.computeIfAbsent(stackId, id -> rule.key(frames));
                    if (begin && stackId < 0) {
                        beginsWithoutStack++;
                    }
                    if (begin) {
                        acc.begin(tid, lock, flags, ts, key,
                                () -> options.by() == ContentionKey.THREAD
                                        ? comms.getOrDefault(tid, ":" + tid)
                                        : rule.caller(frames));
                    } else if (stackless) {
                        acc.endOfOpenWait(tid, lock, ts);
                    } else {
                        acc.end(tid, lock, ts, key);
                    }
                }
            }
        }
        List<ContentionRow> rows = new ArrayList<>(acc.rows());
        rows.sort(Comparator.comparingLong(ContentionRow::totalNs).reversed()
                .thenComparing(Comparator.comparingLong(ContentionRow::contended).reversed())
                .thenComparing(ContentionRow::label)
                .thenComparingLong(ContentionRow::key));
        return new Result(options.by(), rows, acc.openWaits(),
                acc.badEvents().getOrDefault(PerfContentionAccounting.BadEvent.END_WITHOUT_BEGIN,
                        0L),
                acc.ignoredNestedBegins(), acc.ignoredEndsWithoutRow(), beginsWithoutStack,
                events);
    }

    private static Map<Integer, String> comms(Connection conn, int traceId) throws SQLException {
        Map<Integer, String> comms = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(THREADS_SQL)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    comms.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return comms;
    }
}
