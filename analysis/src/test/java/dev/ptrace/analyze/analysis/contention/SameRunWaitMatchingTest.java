package dev.ptrace.analyze.analysis.contention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.locks.LockAnalysis;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The perf and tracefs halves of one run (NAME.perf.txt.gz, NAME.ftrace.txt.gz, NAME.pid),
 * matched wait for wait: every perf wait has its own tracefs wait, and every tracefs wait of the
 * workload that perf lacks is accounted for, by reason, with its count asserted. Unlike
 * SameRunTest (per-thread totals, threads with extra tracefs waits skipped), nothing is skipped.
 *
 * <p>A pair: same thread, same lock type (perf's type name from the flags; the addresses differ,
 * raw in perf and hashed in tracefs, so they are not compared but must map one to one), and
 * begin times equal after the halves' constant clock offset, estimated from the data, within
 * 2 us (both print microseconds). Where the begins differ, the same wait shows as the same end
 * with perf's begin later, inside the tracefs wait (perf's timestamp taken a few us, once 29 us,
 * after tracefs's: the probes of one tracepoint run one after the other); those pair by end and
 * are counted apart. In a three-tool run bpftrace's probe (its stack walk) can run between the
 * two, so there the begins may differ by 20 us more (SameRunTest's allowance).
 *
 * <p>Reasons a tracefs wait has no perf partner, checked in this order:
 * <ul>
 * <li>outside: outside perf's recording (before its first event or after its last), or of a
 *     thread perf never saw;
 * <li>exit: after the thread's last perf event: perf's per-task events are switched off in a
 *     task's exit path (perf_event_exit_task), tracefs still sees the exit's waits;
 * <li>tracer wakeup: within 20 us of the thread waking the tracer's reader (perf or bpftrace):
 *     the ring-buffer wakeup runs in perf's irq_work under perf's recursion guard, so perf
 *     records neither the waking nor a wait inside it (tracefs shows both in hardirq);
 * <li>perf context lock: on a lock that the perf half shows to be perf's own (all its perf
 *     waits are in __perf_event_task_sched_out/_in): perf does not see its own context switch;
 * <li>unexplained: the rest, pinned one by one (thread@begin) so that any change shows.
 * </ul>
 */
class SameRunWaitMatchingTest {
    private static final long PRECISION_NS = 2_000;
    private static final long BPFTRACE_PROBE_NS = 20_000;
    private static final long TRACER_WAKEUP_NS = 20_000;

    /** What each pair is expected to show (worked out once from the halves, see the report). */
    private record Expected(int perf, int ftrace, int byBegin, int byEnd, int outside, int exit,
                            int tracerWakeup, int perfContextLock, Set<String> unexplained) {
    }

    private static final Map<String, Expected> EXPECTED = Map.ofEntries(
            Map.entry("inversions/lockinv-nice10-fifo10",
                    new Expected(16, 18, 16, 0, 0, 2, 0, 0, Set.of())),
            Map.entry("inversions/lockinv-nice5-8readers",
                    new Expected(43, 44, 43, 0, 0, 1, 0, 0, Set.of())),
            Map.entry("samerun/samerun-churn",
                    new Expected(187, 189, 186, 1, 0, 0, 0, 1, Set.of("31564@8991046930000"))),
            Map.entry("samerun/samerun-madvise",
                    new Expected(161, 165, 157, 4, 0, 4, 0, 0, Set.of())),
            Map.entry("samerun/samerun-munmap",
                    new Expected(31, 34, 29, 2, 0, 3, 0, 0, Set.of())),
            Map.entry("samerun/samerun-xz",
                    new Expected(2, 55, 2, 0, 1, 52, 0, 0, Set.of())),
            Map.entry("samerun/samerun-zstd",
                    new Expected(90, 123, 81, 9, 0, 19, 0, 14, Set.of())),
            Map.entry("threetool/threetool-inversion",
                    new Expected(14, 77, 14, 0, 0, 10, 52, 0, Set.of("2608@13720578752000"))),
            Map.entry("threetool/threetool-madvise",
                    new Expected(143, 158, 143, 0, 2, 0, 9, 0, Set.of("2731@13727583305000",
                            "2731@13727605424000", "2731@13727610747000",
                            "2731@13727651004000"))),
            Map.entry("threetool/threetool-munmap",
                    new Expected(51, 83, 51, 0, 1, 30, 0, 0, Set.of("2850@13736785787000"))),
            Map.entry("traces/same-run-inversion",
                    new Expected(9, 9, 9, 0, 0, 0, 0, 0, Set.of())));

    private record LockWait(long id, int tid, String type, long begin, long end, String addr) {
    }

    /** A candidate pair: by begin (0) before by end (1), then the closer first. */
    private record Candidate(int kind, long cost, LockWait perf, LockWait ftrace) {
    }

    /** Every NAME with a .pid, a .perf.txt.gz and a .ftrace.txt.gz, as DIR/NAME. */
    static Stream<String> pairs() {
        List<String> out = new ArrayList<>();
        for (String dir : List.of("traces", "samerun", "threetool", "inversions")) {
            try (Stream<Path> s = Files.list(TestData.dir().resolve(dir))) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pid"))
                        .map(n -> n.substring(0, n.length() - ".pid".length()))
                        .filter(n -> Files.exists(half(dir + "/" + n, "perf"))
                                && Files.exists(half(dir + "/" + n, "ftrace")))
                        .sorted().forEach(n -> out.add(dir + "/" + n));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.stream();
    }

    @Test
    void everySameRunPairHasItsExpectations() {
        assertEquals(new TreeSet<>(EXPECTED.keySet()),
                pairs().collect(Collectors.toCollection(TreeSet::new)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void everyPerfWaitHasOneFtracePartnerAndEveryOtherFtraceWaitIsAccountedFor(String pair)
            throws Exception {
        Expected want = EXPECTED.get(pair);
        assertTrue(want != null, pair + ": no expectations");
        int pid = Integer.parseInt(Files.readString(TestData.dir().resolve(pair + ".pid"))
                .strip());
        try (Database db = Database.inMemory()) {
            TraceIngester in = new TraceIngester(db, List.of(LockAnalysis.shipped()));
            int perfId = in.ingest(half(pair, "perf").toString(), true).traceId();
            int ftraceId = in.ingest(half(pair, "ftrace").toString(), true).traceId();
            check(pair, pid, want, db.connection(), perfId, ftraceId);
        }
    }

    private static void check(String pair, int pid, Expected want, Connection conn, int perfId,
                              int ftraceId) throws SQLException {
        // perf followed the workload; the tracefs text may be system-wide: its workload's threads
        List<LockWait> perf = waits(conn, perfId, null);
        List<LockWait> ftrace = waits(conn, ftraceId, pid);
        long tolerance = PRECISION_NS + (pair.startsWith("threetool/") ? BPFTRACE_PROBE_NS : 0);
        long offset = offset(conn, perfId, ftraceId, perf, ftrace, tolerance);
        List<Candidate> matched = match(perf, ftrace, offset, tolerance);

        Set<Long> perfMatched = new HashSet<>();
        Set<Long> ftraceMatched = new HashSet<>();
        Map<String, Set<String>> perfToFtrace = new TreeMap<>();
        Map<String, Set<String>> ftraceToPerf = new TreeMap<>();
        long byEnd = 0;
        List<Long> late = new ArrayList<>();
        for (Candidate c : matched) {
            perfMatched.add(c.perf().id());
            ftraceMatched.add(c.ftrace().id());
            perfToFtrace.computeIfAbsent(c.perf().addr(), k -> new TreeSet<>())
                    .add(c.ftrace().addr());
            ftraceToPerf.computeIfAbsent(c.ftrace().addr(), k -> new TreeSet<>())
                    .add(c.perf().addr());
            if (c.kind() == 1) {
                byEnd++;
                late.add((c.perf().begin() + offset - c.ftrace().begin()) / 1000);
            }
        }

        Reasons why = new Reasons(conn, perfId, ftraceId, offset, ftraceToPerf);
        Map<String, List<LockWait>> unmatched = new LinkedHashMap<>();
        for (String r : List.of("outside", "exit", "tracer wakeup", "perf context lock",
                "unexplained")) {
            unmatched.put(r, new ArrayList<>());
        }
        for (LockWait f : ftrace) {
            if (!ftraceMatched.contains(f.id())) {
                unmatched.get(why.of(f)).add(f);
            }
        }
        List<LockWait> perfAlone = perf.stream().filter(p -> !perfMatched.contains(p.id()))
                .toList();
        Set<String> unexplained = unmatched.get("unexplained").stream()
                .map(f -> f.tid() + "@" + f.begin()).collect(Collectors.toCollection(TreeSet::new));

        System.out.printf("%s: offset %d ns; perf %d waits, ftrace %d (pid %d); matched %d "
                        + "(%d by begin, %d by end, perf's begin later by %s us); unmatched "
                        + "perf %d, ftrace %s%n", pair, offset, perf.size(), ftrace.size(), pid,
                matched.size(), matched.size() - byEnd, byEnd, late, perfAlone.size(),
                unmatched.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size())
                        .collect(Collectors.joining(", ")));

        assertTrue(perfAlone.isEmpty(), pair + ": perf waits without a tracefs partner: "
                + perfAlone);
        // the matched waits map the two halves' addresses one to one
        perfToFtrace.forEach((p, f) -> assertEquals(1, f.size(), pair + ": " + p + " -> " + f));
        ftraceToPerf.forEach((f, p) -> assertEquals(1, p.size(), pair + ": " + f + " -> " + p));
        assertEquals(want.perf(), perf.size(), pair + ": perf waits");
        assertEquals(want.ftrace(), ftrace.size(), pair + ": tracefs waits of the workload");
        assertEquals(want.byBegin(), matched.size() - byEnd, pair + ": matched by begin");
        assertEquals(want.byEnd(), byEnd, pair + ": matched by end, perf's begin later");
        assertEquals(want.outside(), unmatched.get("outside").size(), pair + ": outside perf");
        assertEquals(want.exit(), unmatched.get("exit").size(), pair + ": in exit paths");
        assertEquals(want.tracerWakeup(), unmatched.get("tracer wakeup").size(),
                pair + ": in a tracer's wakeup");
        assertEquals(want.perfContextLock(), unmatched.get("perf context lock").size(),
                pair + ": on perf's context locks");
        assertEquals(want.unexplained(), unexplained, pair + ": unexplained tracefs waits");
    }

    /** Waits of a trace (of process {@code pid}'s threads when given), in order of begin. */
    private static List<LockWait> waits(Connection conn, int traceId, Integer pid)
            throws SQLException {
        String sql = """
                SELECT w.wait_id, w.tid, w.lock_type, w.begin_ts, w.end_ts, l.lock_addr
                FROM waits w
                JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
                LEFT JOIN threads t ON t.trace_id = w.trace_id AND t.tid = w.tid
                WHERE w.trace_id = ? AND (? IS NULL OR t.pid = ?)
                ORDER BY w.begin_ts, w.wait_id""";
        List<LockWait> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setInt(1, traceId);
            ps.setObject(2, pid);
            ps.setObject(3, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LockWait(rs.getLong(1), rs.getInt(2), rs.getString(3),
                            rs.getLong(4), rs.getLong(5), rs.getString(6)));
                }
            }
        }
        return out;
    }

    /**
     * The tracefs clock minus perf's: the most common difference (1 us bins) between the events
     * both halves have of one thread (lock, mmap_lock and scheduler events of the same name),
     * refined to the median of the wait begins' differences near it (a pair with few waits,
     * samerun-xz has 2, cannot give the offset by itself).
     */
    private static long offset(Connection conn, int perfId, int ftraceId, List<LockWait> perf,
                               List<LockWait> ftrace, long tolerance) throws SQLException {
        String sql = """
                WITH p AS (
                    SELECT tid, regexp_replace(event, '^.*:', '') AS e, ts FROM events
                    WHERE trace_id = ? AND table_name IN ('lock_contention', 'mmap_lock',
                                                          'sched_switch', 'sched_wakeup')
                ), f AS (
                    SELECT tid, regexp_replace(event, '^.*:', '') AS e, ts FROM events
                    WHERE trace_id = ? AND table_name IN ('lock_contention', 'mmap_lock',
                                                          'sched_switch', 'sched_wakeup')
                      AND tid IN (SELECT tid FROM p)
                )
                SELECT (f.ts - p.ts) // 1000 AS us, count(*) AS n
                FROM p JOIN f USING (tid, e)
                GROUP BY us ORDER BY n DESC, us LIMIT 1""";
        long mode;
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setInt(1, perfId);
            ps.setInt(2, ftraceId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no events to estimate the clock offset from");
                mode = rs.getLong(1) * 1000;
            }
        }
        Map<String, List<LockWait>> byKey = byKey(ftrace);
        List<Long> near = new ArrayList<>();
        for (LockWait p : perf) {
            for (LockWait f : byKey.getOrDefault(key(p), List.of())) {
                long d = f.begin() - p.begin();
                if (Math.abs(d - mode - 500) <= tolerance + 500) {
                    near.add(d);
                }
            }
        }
        near.sort(null);
        return near.isEmpty() ? mode : near.get(near.size() / 2);
    }

    /**
     * One to one: the candidates by begin first, then by end (perf's begin later, inside the
     * tracefs wait), each kind the closest first; a wait pairs at most once.
     */
    private static List<Candidate> match(List<LockWait> perf, List<LockWait> ftrace, long offset,
                                         long tolerance) {
        Map<String, List<LockWait>> byKey = byKey(ftrace);
        List<Candidate> candidates = new ArrayList<>();
        for (LockWait p : perf) {
            for (LockWait f : byKey.getOrDefault(key(p), List.of())) {
                long begin = f.begin() - offset - p.begin();
                long end = f.end() - offset - p.end();
                long cost = Math.abs(begin) + Math.abs(end);
                if (Math.abs(begin) <= tolerance) {
                    candidates.add(new Candidate(0, cost, p, f));
                } else if (Math.abs(end) <= tolerance && begin < 0
                        && -begin <= f.end() - f.begin()) {
                    candidates.add(new Candidate(1, cost, p, f));
                }
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::kind)
                .thenComparingLong(Candidate::cost)
                .thenComparingLong(c -> c.perf().id()).thenComparingLong(c -> c.ftrace().id()));
        Set<Long> perfUsed = new HashSet<>();
        Set<Long> ftraceUsed = new HashSet<>();
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!perfUsed.contains(c.perf().id()) && !ftraceUsed.contains(c.ftrace().id())) {
                perfUsed.add(c.perf().id());
                ftraceUsed.add(c.ftrace().id());
                out.add(c);
            }
        }
        return out;
    }

    private static Map<String, List<LockWait>> byKey(List<LockWait> waits) {
        Map<String, List<LockWait>> out = new HashMap<>();
        waits.forEach(w -> out.computeIfAbsent(key(w), k -> new ArrayList<>()).add(w));
        return out;
    }

    private static String key(LockWait w) {
        return w.tid() + "/" + w.type();
    }

    /** Why a tracefs wait has no perf partner (see the class comment), from both halves. */
    private static final class Reasons {
        private final long offset;
        private final long perfFirst;
        private final long perfLast;
        private final Map<Integer, Long> lastPerfEvent = new HashMap<>();
        private final Map<Integer, List<Long>> tracerWakeups = new HashMap<>();
        private final Set<String> perfContextLocks = new HashSet<>();
        private final Map<String, Set<String>> ftraceToPerf;

        Reasons(Connection conn, int perfId, int ftraceId, long offset,
                Map<String, Set<String>> ftraceToPerf) throws SQLException {
            this.offset = offset;
            this.ftraceToPerf = ftraceToPerf;
            List<long[]> trace = rows(conn, "SELECT first_ts, last_ts FROM traces "
                    + "WHERE trace_id = ?", perfId);
            perfFirst = trace.get(0)[0];
            perfLast = trace.get(0)[1];
            for (long[] r : rows(conn, "SELECT tid, last_ts FROM threads WHERE trace_id = ?",
                    perfId)) {
                lastPerfEvent.put((int) r[0], r[1]);
            }
            for (long[] r : rows(conn, "SELECT tid, ts FROM sched_wakeup WHERE trace_id = ? "
                    + "AND target_comm IN ('perf', 'bpftrace')", ftraceId)) {
                tracerWakeups.computeIfAbsent((int) r[0], t -> new ArrayList<>()).add(r[1]);
            }
            String sql = """
                    SELECT l.lock_addr
                    FROM waits w
                    JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
                    WHERE w.trace_id = ?
                    GROUP BY l.lock_addr
                    HAVING bool_and(EXISTS (
                        SELECT 1 FROM stack_frames f
                        WHERE f.trace_id = w.trace_id AND f.stack_id = w.stack_id
                          AND f.symbol IN ('__perf_event_task_sched_out',
                                           '__perf_event_task_sched_in')))""";
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setInt(1, perfId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        perfContextLocks.add(rs.getString(1));
                    }
                }
            }
        }

        String of(LockWait f) {
            Long last = lastPerfEvent.get(f.tid());
            if (last == null || f.end() - offset < perfFirst || f.begin() - offset > perfLast) {
                return "outside";
            }
            if (f.begin() - offset > last) {
                return "exit";
            }
            if (tracerWakeups.getOrDefault(f.tid(), List.of()).stream()
                    .anyMatch(ts -> Math.abs(ts - f.begin()) <= TRACER_WAKEUP_NS)) {
                return "tracer wakeup";
            }
            Set<String> perfAddr = ftraceToPerf.getOrDefault(f.addr(), Set.of());
            if (!perfAddr.isEmpty() && perfContextLocks.containsAll(perfAddr)) {
                return "perf context lock";
            }
            return "unexplained";
        }

        private static List<long[]> rows(Connection conn, String sql, int traceId)
                throws SQLException {
            List<long[]> out = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setInt(1, traceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            return out;
        }
    }

    /** DIR/NAME's half: NAME.perf.txt.gz or NAME.ftrace.txt.gz. */
    private static Path half(String pair, String tool) {
        return TestData.dir().resolve(pair + "." + tool + ".txt.gz");
    }
}
