package dev.ptrace.analyze.analysis.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.testing.AnalysedTraces;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.testing.PerfLockOracle;
import dev.ptrace.analyze.testing.RawPerfScript;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The derived lock tables of real traces: locks, waits and thread_states. */
class LockAnalysisTest {
    private static Database ingest(Path trace) {
        return AnalysedTraces.open(trace);
    }

    static Stream<Path> perfTracesWithOracles() {
        return TestData.perfTracesWithOracles().stream();
    }

    static Stream<Path> allTraces() {
        return Stream.of(TestData.perfTraces(), TestData.ftraceTraces(),
                TestData.bpftraceEventTraces()).flatMap(List::stream);
    }

    /** perf counts a wait per begin/end pair of a thread: so does waits, on every trace. */
    @ParameterizedTest
    @MethodSource("perfTracesWithOracles")
    void waitsPerThreadAreTheWaitsPerfLockContentionCounts(Path trace) throws Exception {
        Map<String, Long> ours = new HashMap<>();
        try (Database db = ingest(trace)) {
            for (List<Object> r : AnalysedTraces.rows(db, "SELECT tid, count(*) FROM waits "
                    + "WHERE NOT cut_start AND NOT cut_end GROUP BY tid")) {
                ours.put(r.get(0).toString(), (Long) r.get(1));
            }
        }
        Map<String, Long> perf = new HashMap<>();
        for (PerfLockOracle.Row r : PerfLockOracle.read(TestData.oracle(trace, "thread"))) {
            perf.merge(r.key(), r.contended(), Long::sum);
        }
        assertEquals(perf, ours);
    }

    @Test
    void perfInversionMmapLockIsLinkedToTheWorkloadAndCarriesItsWaits() throws Exception {
        try (Database db = ingest(TestData.trace("perf-inversion.txt.gz"))) {
            assertEquals(List.of(List.of("0xffff88810006d838", "0xffff88810006d780", "rwsem",
                    "mmap_lock", 16371, 7L, 1875714000L)), AnalysedTraces.rows(db, "SELECT lock_addr, mm, kind, "
                    + "name, pid, waits, wait_ns FROM locks WHERE name = 'mmap_lock'"));
            // try_to_wake_up takes the run queue's lock with _raw_spin_lock (ttwu_queue): the
            // woken task's pi_lock it takes with _raw_spin_lock_irqsave; a timer softirq mixes
            // interrupt timing into the random pool under its lock
            assertEquals(List.of(List.of("lruvec lock", "caller folio_lruvec_lock_irqsave"),
                    List.of("random pool lock", "caller mix_interrupt_randomness"),
                    List.of("rq lock", "caller try_to_wake_up")),
                    AnalysedTraces.rows(db, "SELECT name, name_source FROM locks WHERE kind = 'spinlock' "
                            + "AND name IS NOT NULL ORDER BY name"));
            // the long waits, paired in the raw text (docs/commands.md's chain: 257.36,
            // 257.76 and 257.54 ms): a contention_begin on the lock to its thread's next end
            assertEquals(List.of(List.of(16371, 835748000L), List.of(16375, 257362000L),
                    List.of(16376, 257428000L), List.of(16377, 257538000L),
                    List.of(16378, 257757000L)), rawWaitsOver100Ms("0xffff88810006d838"));
            // the writer waited in mmap, the readers in madvise, each for about 257 ms
            assertEquals(List.of(List.of(16371, "write", "mmap", 835748000L),
                    List.of(16375, "write", "mprotect", 257362000L),
                    List.of(16378, "read", "madvise", 257757000L),
                    List.of(16377, "read", "madvise", 257538000L),
                    List.of(16376, "read", "madvise", 257428000L)),
                    AnalysedTraces.rows(db, "SELECT tid, mode, syscall, duration_ns FROM waits JOIN locks "
                            + "USING (trace_id, lock_id) WHERE name = 'mmap_lock' "
                            + "AND duration_ns > 100000000 ORDER BY begin_ts"));
        }
    }

    /** perf-inversion's waits on {@code lock} over 100 ms, read off its lines, as they end. */
    private static List<List<Object>> rawWaitsOver100Ms(String lock) throws Exception {
        return RawPerfScript.waits(RawPerfScript.events(TestData.trace("perf-inversion.txt.gz")), lock)
                .stream().filter(w -> w.ns() > 100_000_000L)
                .map(w -> List.<Object>of(w.tid(), w.ns())).toList();
    }

    @Test
    void ftraceInversionMmapLockIsLinkedThroughHashedPointers() throws Exception {
        try (Database db = ingest(TestData.trace("ftrace-inversion.txt.gz"))) {
            List<List<Object>> mm = AnalysedTraces.rows(db, "SELECT kind, count(*) FROM locks "
                    + "WHERE name = 'mmap_lock' AND lock_addr IS NOT NULL GROUP BY kind");
            assertEquals(List.of(List.of("rwsem", 1L)), mm);
            List<List<Object>> holder = AnalysedTraces.rows(db, "SELECT prio, state FROM thread_states "
                    + "WHERE prio = 139 AND state = 'preempted' LIMIT 1");
            assertEquals(1, holder.size());
        }
    }

    /** The convoy of docs/design.md scenario 4, as the rwsem model reads perf-inversion. */
    @Test
    void perfInversionReadersWaitForTheQueuedWriterWhichWaitsForThePreemptedReader()
            throws Exception {
        try (Database db = ingest(TestData.trace("perf-inversion.txt.gz"))) {
            assertEquals(List.of(
                    List.of(16371, 16373, "holder", "running", 13000000L),
                    List.of(16371, 16373, "holder", "preempted", 822669000L),
                    List.of(16375, 16373, "holder", "running", 9535000L),
                    List.of(16375, 16373, "holder", "preempted", 247791000L),
                    List.of(16374, 16375, "queued ahead", "blocked", 9556000L),
                    List.of(16376, 16375, "queued ahead", "blocked", 257289000L),
                    List.of(16377, 16375, "queued ahead", "blocked", 257305000L),
                    List.of(16378, 16375, "queued ahead", "blocked", 257321000L)),
                    AnalysedTraces.rows(db, "SELECT waiter_tid, blocker_tid, relation, blocker_state, "
                            + "sum(blamed_ns)::BIGINT FROM blame JOIN locks USING (trace_id, lock_id) "
                            + "WHERE name = 'mmap_lock' GROUP BY ALL HAVING sum(blamed_ns) > 5000000 "
                            + "ORDER BY 3, 1, 4 DESC"));
        }
    }

    /**
     * On every trace: a thread's states never overlap; each wait's time is split without loss
     * among its blockers; every mmap_lock wait (exact holds) has a known blocker throughout.
     */
    @ParameterizedTest
    @MethodSource("allTraces")
    void statesDoNotOverlapBlameAddsUpToEachWaitAndMmapLockWaitsHaveKnownBlockers(Path trace)
            throws Exception {
        try (Database db = ingest(trace)) {
            assertEquals(List.of(), AnalysedTraces.rows(db, "SELECT tid, begin_ts, end_ts FROM ("
                    + "SELECT tid, begin_ts, end_ts, lag(end_ts) OVER (PARTITION BY tid "
                    + "ORDER BY begin_ts) AS prev_end FROM thread_states) WHERE begin_ts < prev_end"),
                    "overlapping thread states");
            assertEquals(List.of(), AnalysedTraces.rows(db, "SELECT w.wait_id, w.duration_ns, sum(b.blamed_ns) "
                    + "FROM waits w JOIN blame b USING (trace_id, wait_id) "
                    + "WHERE NOT w.cut_start GROUP BY ALL "
                    + "HAVING abs(w.duration_ns - sum(b.blamed_ns)) > count(*)"),
                    "waits whose blame does not add up");
            Object coverage = AnalysedTraces.rows(db, "SELECT sum(blamed_ns) FILTER (WHERE blocker_tid "
                    + "IS NOT NULL)::DOUBLE / sum(blamed_ns) FROM blame JOIN locks "
                    + "USING (trace_id, lock_id) WHERE name = 'mmap_lock' AND mm IS NOT NULL")
                    .get(0).get(0);
            assertTrue(coverage == null || (Double) coverage == 1.0, trace + ": " + coverage);
        }
    }

    /**
     * On every trace: blame.hold_id is the blocker's hold of the lock that the piece begins in,
     * exactly as a time-range join of blame and holds finds it (the join readers used before
     * the key existed); a thread's holds of one lock never overlap, which makes it one hold.
     */
    @ParameterizedTest
    @MethodSource("allTraces")
    void blameHoldIdIsTheBlockersHoldThePieceBeginsInAsATimeRangeJoinFindsIt(Path trace)
            throws Exception {
        try (Database db = ingest(trace)) {
            assertEquals(List.of(), AnalysedTraces.rows(db, "SELECT tid, lock_id, begin_ts FROM ("
                    + "SELECT tid, lock_id, begin_ts, end_ts, lag(end_ts) OVER (PARTITION BY tid,"
                    + " lock_id ORDER BY begin_ts, end_ts) AS prev_end FROM holds) "
                    + "WHERE begin_ts < prev_end"), "overlapping holds of one thread and lock");
            assertEquals(List.of(), AnalysedTraces.rows(db, "SELECT b.rowid, b.hold_id, (SELECT list(h.hold_id) "
                    + "FROM holds h WHERE h.trace_id = b.trace_id AND h.lock_id = b.lock_id "
                    + "AND h.tid = b.blocker_tid AND h.begin_ts <= b.begin_ts "
                    + "AND b.begin_ts < h.end_ts) AS range_join FROM blame b "
                    + "WHERE b.hold_id IS DISTINCT FROM range_join[1] OR len(range_join) > 1"),
                    "blame rows whose hold_id is not the hold a range join finds");
            Object withHold = AnalysedTraces.rows(db, "SELECT count(*) FROM blame WHERE hold_id IS NOT NULL")
                    .get(0).get(0);
            Object holders = AnalysedTraces.rows(db, "SELECT count(*) FROM blame WHERE relation = 'holder'")
                    .get(0).get(0);
            assertTrue(((Number) withHold).longValue() >= ((Number) holders).longValue(),
                    trace + ": every piece blamed on a holder names its hold");
        }
    }
}
