package dev.ptrace.analyze.analysis.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.chains.InversionFinder;
import dev.ptrace.analyze.analysis.chains.TraceChains;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.findings.Findings;
import dev.ptrace.analyze.analysis.testing.AnalysedTraces;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.Query;
import dev.ptrace.analyze.testing.TestData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Waits on user-space locks (futex) against what the program that waited measured itself:
 * scripts/workloads/futexlock.c, recorded with perf on the clock its log uses
 * (testdata/futex/README.md), so that the log's times and the trace's are comparable.
 */
class FutexWaitsTest {
    private static final Path DIR = TestData.dir().resolve("futex");

    /** The workload's log: the lock words, each thread's totals, its holds and signals. */
    private record WorkloadLog(Map<String, String> words, Map<Integer, Long> waitNs,
                               TreeMap<Long, Integer> holdEnds, TreeMap<Long, Integer> signals,
                               long locks, long holdNs) {
        static WorkloadLog read(String name) throws IOException {
            Map<String, String> words = new HashMap<>();
            Map<Integer, Long> waitNs = new TreeMap<>();
            TreeMap<Long, Integer> holdEnds = new TreeMap<>();
            TreeMap<Long, Integer> signals = new TreeMap<>();
            long locks = 0;
            long holdNs = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(DIR.resolve(name))), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] f = line.split(" ");
                    switch (f[0]) {
                        case "mutex", "cond" -> words.put(f[0], f[1]);
                        case "thread" -> {
                            waitNs.put(Integer.parseInt(f[1]), Long.parseLong(f[6]));
                            locks += Long.parseLong(f[4]);
                            holdNs += Long.parseLong(f[8]);
                        }
                        case "hold" -> holdEnds.put(Long.parseLong(f[3]), Integer.parseInt(f[1]));
                        case "signal" -> signals.put(Long.parseLong(f[2]),
                                Integer.parseInt(f[1]));
                        default -> {
                        }
                    }
                }
            }
            return new WorkloadLog(words, waitNs, holdEnds, signals, locks, holdNs);
        }
    }

    /** A wait on a futex word and who woke it: the blocker of its last piece before the wake. */
    private record Woken(long waitId, int waiter, int waker, long wakeTs) {
    }

    private static List<Woken> woken(Database db, String lockAddr, String relation)
            throws SQLException {
        return Query.list(db.connection(), """
                SELECT b.wait_id, b.waiter_tid, arg_max(b.blocker_tid, b.end_ts), max(b.end_ts)
                FROM blame b JOIN locks l USING (trace_id, lock_id)
                WHERE l.lock_addr = $1 AND b.relation = $2
                GROUP BY b.wait_id, b.waiter_tid ORDER BY b.wait_id""",
                rs -> new Woken(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getLong(4)),
                lockAddr, relation);
    }

    /** perf's capture and bpftrace's (each with the futexlock log of its run). */
    @ParameterizedTest
    @ValueSource(strings = {"perf-futex-mutex", "futexlock.bpftrace"})
    void mutexWaitOfEachThreadIsTheTimeItMeasuredInPthreadMutexLockWithin5Percent(String name)
            throws Exception {
        WorkloadLog log = WorkloadLog.read(name + ".log.gz");
        try (Database db = AnalysedTraces.open(DIR.resolve(name + ".txt.gz"))) {
            Map<Integer, Long> ours = new HashMap<>();
            Query.forEach(db.connection(), """
                    SELECT w.tid, sum(w.duration_ns) FROM waits w JOIN locks l
                    USING (trace_id, lock_id) WHERE l.lock_addr = $1 GROUP BY w.tid""",
                    rs -> ours.put(rs.getInt(1), rs.getLong(2)), log.words().get("mutex"));
            assertTrue(log.waitNs().size() >= 3, log.waitNs().toString());
            log.waitNs().forEach((tid, measured) -> {
                long waited = ours.getOrDefault(tid, 0L);
                assertTrue(Math.abs(waited - measured) <= 0.05 * measured,
                        "thread " + tid + ": " + waited + " ns in futex waits, measured "
                                + measured + " ns in pthread_mutex_lock");
            });
            assertEquals(List.of(List.of("futex lock", "pthread mutex", "futex")), Query.list(
                    db.connection(), """
                    SELECT DISTINCT l.kind, l.name, w.lock_type FROM locks l JOIN waits w
                    USING (trace_id, lock_id) WHERE l.lock_addr = $1""",
                    rs -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)),
                    log.words().get("mutex")));
        }
    }

    /**
     * glibc's unlock stores 0, then wakes one waiter: the waker of a wait is the thread whose
     * hold the program logged as ending last before the wake, a few microseconds earlier.
     */
    @Test
    void eachMutexWaitIsBlamedOnTheThreadTheProgramLoggedReleasingTheMutexLast()
            throws Exception {
        WorkloadLog log = WorkloadLog.read("perf-futex-mutex.log.gz");
        try (Database db = AnalysedTraces.open(DIR.resolve("perf-futex-mutex.txt.gz"))) {
            List<Woken> waits = woken(db, log.words().get("mutex"), "holder");
            int agree = 0;
            for (Woken w : waits) {
                Map.Entry<Long, Integer> released = log.holdEnds().floorEntry(w.wakeTs());
                if (released != null && released.getValue() == w.waker()
                        && w.wakeTs() - released.getKey() < 100_000) {
                    agree++;
                }
            }
            assertTrue(waits.size() > 900, waits.size() + " waits woken");
            assertTrue(agree >= 0.99 * waits.size(), agree + " of " + waits.size()
                    + " waits blamed on the thread that released the mutex last");
        }
    }

    @Test
    void eachConsumerWaitIsAttributedToTheProducerWhoseSignalEndedIt() throws Exception {
        WorkloadLog log = WorkloadLog.read("perf-futex-condvar.log.gz");
        long cond = Long.decode(log.words().get("cond"));
        try (Database db = AnalysedTraces.open(DIR.resolve("perf-futex-condvar.txt.gz"))) {
            // the words pthread_cond_wait sleeps on are inside the pthread_cond_t (48 bytes)
            List<String> words = Query.list(db.connection(), """
                    SELECT lock_addr FROM locks WHERE name = 'pthread condvar'""",
                    rs -> rs.getString(1));
            assertFalse(words.isEmpty());
            List<Woken> waits = new ArrayList<>();
            for (String word : words) {
                long at = Long.decode(word);
                assertTrue(at >= cond && at < cond + 48, word + " inside the condvar");
                waits.addAll(woken(db, word, "waker"));
            }
            int consumerWaits = 0;
            int agree = 0;
            for (Woken w : waits) {
                if (!log.waitNs().containsKey(w.waiter())
                        || log.signals().containsValue(w.waiter())) {
                    continue;
                }
                consumerWaits++;
                // the program logs a signal right after pthread_cond_signal, whose futex wake
                // woke the consumer: the next signal logged after the wake is the waker's
                Map.Entry<Long, Integer> signal = log.signals().ceilingEntry(w.wakeTs());
                if (signal != null && signal.getValue() == w.waker()) {
                    agree++;
                }
            }
            assertTrue(consumerWaits > 500, consumerWaits + " consumer waits woken");
            assertEquals(consumerWaits, agree, "consumer waits attributed to the signaller");
        }
    }

    /**
     * The holds the trace shows are those a waiter was woken to take: their mean is the hold
     * time the workload measured (clock_gettime from pthread_mutex_lock's return to the unlock)
     * within 5%.
     */
    @Test
    void meanHoldOfTheMutexIsTheHoldTimeTheProgramMeasuredWithin5Percent() throws Exception {
        WorkloadLog log = WorkloadLog.read("perf-futex-only.log.gz");
        try (Database db = AnalysedTraces.open(DIR.resolve("perf-futex-only.txt.gz"))) {
            double ours = Query.first(db.connection(), """
                    SELECT avg(h.duration_ns) FROM holds h JOIN locks l USING (trace_id, lock_id)
                    WHERE l.lock_addr = $1 AND h.end_evidence = 'futex wake'""",
                    rs -> rs.getDouble(1), log.words().get("mutex"));
            double measured = (double) log.holdNs() / log.locks();
            assertTrue(Math.abs(ours - measured) <= 0.05 * measured,
                    "mean hold " + ours + " ns, measured " + measured + " ns");
        }
    }

    /**
     * A capture of sched and futex events only (no lock events, so no kernel-lock wait): the
     * first finding is the pthread mutex, the workload's only user-space lock, with where its
     * waits were called from; the waits it counts are those of the trace's futex calls.
     */
    @Test
    void futexOnlyCapturesFirstFindingIsThePthreadMutexWithItsCallers() throws Exception {
        WorkloadLog log = WorkloadLog.read("perf-futex-only.log.gz");
        try (Database db = AnalysedTraces.open(DIR.resolve("perf-futex-only.txt.gz"))) {
            long kernelWaits = Query.first(db.connection(), """
                    SELECT count(*) FROM waits WHERE lock_type <> 'futex'""",
                    rs -> rs.getLong(1));
            assertEquals(0L, kernelWaits);
            List<Finding> findings = Findings.of(db.connection(), 1);
            Finding first = findings.get(0);
            assertEquals("user-lock", first.scenario());
            assertEquals("pthread mutex", first.lock());
            assertTrue(first.title().startsWith("pthread mutex " + log.words().get("mutex")),
                    first.title());
            // the futex waits on the mutex, counted from the text by this test
            long waits = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(DIR.resolve("perf-futex-only.txt.gz"))),
                    StandardCharsets.UTF_8))) {
                String word = "uaddr: " + log.words().get("mutex") + ", op: 0x00000080,";
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.contains("sys_enter_futex: " + word)) {
                        waits++;
                    }
                }
            }
            assertEquals(waits, first.figures().get("waits"));
            assertTrue(first.evidence().stream().anyMatch(e -> e.startsWith(
                    "called from start_thread+0x305 ")), first.evidence().toString());
        }
    }

    /**
     * A nice-19 locker holds the mutex while a nice-0 hog keeps it off CPU (all on CPU 0):
     * the inversion's root is the thread the log calls low, on the mutex at the log's address,
     * and the nice-0 lockers are its waiters; with a PTHREAD_PRIO_INHERIT mutex too, whose
     * waits are FUTEX_LOCK_PI and whose releases FUTEX_UNLOCK_PI.
     */
    @ParameterizedTest
    @ValueSource(strings = {"perf-futex-inversion", "perf-futex-inversion-pi"})
    void theNice19LockerHoldingTheMutexOffCpuIsTheInversionsRoot(String name) throws Exception {
        Map<String, Integer> roles = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(DIR.resolve(name + ".log.gz"))), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(" ");
                if (f[0].equals("thread") && !f[2].equals("locker")) {
                    roles.put(f[2], Integer.parseInt(f[1]));
                }
            }
        }
        WorkloadLog log = WorkloadLog.read(name + ".log.gz");
        try (Database db = AnalysedTraces.open(DIR.resolve(name + ".txt.gz"))) {
            Inversion worst = InversionFinder.find(new TraceChains(db.connection(), 1)).stream()
                    .max(java.util.Comparator.comparingLong(Inversion::lostNs)).orElseThrow();
            String lock = Query.first(db.connection(), """
                    SELECT lock_addr || ' ' || kind FROM locks WHERE lock_id = $1""",
                    rs -> rs.getString(1), worst.chain().lockId());
            assertEquals(List.of(roles.get("low"), 139, log.words().get("mutex") + " futex lock"),
                    List.of(worst.chain().tid(), worst.chain().prio(), lock));
            // the nice-0 lockers (and the main thread, taking the mutex to stop them)
            assertTrue(worst.victims().stream().allMatch(v -> v.prio() == 120),
                    worst.victims().toString());
            assertTrue(worst.victims().stream().anyMatch(v -> log.waitNs().containsKey(v.tid())
                    && !roles.containsValue(v.tid())), worst.victims().toString());
        }
    }
}
