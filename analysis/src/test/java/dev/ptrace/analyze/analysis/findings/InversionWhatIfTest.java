package dev.ptrace.analyze.analysis.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.ChainWait;
import dev.ptrace.analyze.analysis.chains.HandRows;
import dev.ptrace.analyze.analysis.chains.TraceChains;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inversion finding of chains of one root and lock, on rows written by hand. Two chains:
 * root 1 (prio 139) is preempted on CPU 0 over 0..100 while hog 99 runs there 0..60 and cron
 * 97 60..100; 11 and 12 (prio 120) wait for it, 11 and 12 in the chain over 0..100, 12 again
 * in one over 60..100. Then one chain, with the root's holds before, in and after it.
 */
class InversionWhatIfTest {
    /*
     * Chain 0..100: 11 lost 20, 12 lost 15 (their waiting off CPU); hog ran 60, cron 40.
     * Chain 60..100: 12 lost 10; cron ran 40. One finding for the root and lock: 45 lost, by
     * 2 threads; 12 lost most (15 + 10 = 25, then 11's 20), cron ran most (40 + 40 = 80, then
     * hog's 60): each list the most first, though 11 and hog came first in the first chain.
     */
    @Test
    void inversionsOfOneRootAndLockAreOneFindingWithEachVictimsAndPreemptorsTimesAdded()
            throws SQLException {
        try (HandRows db = HandRows.of("INSERT INTO thread_states (trace_id, tid, comm, state, "
                    + "begin_ts, end_ts, duration_ns, cpu, prio) VALUES "
                    + "(1, 1, 'root', 'preempted', 0, 100, 100, 0, 139), "
                    + "(1, 99, 'hog', 'running', 0, 60, 60, 0, 120), "
                    + "(1, 97, 'cron', 'running', 60, 100, 40, 0, 120), "
                    + "(1, 11, 't11', 'running', 0, 5, 5, 1, 120), "
                    + "(1, 12, 't12', 'running', 0, 5, 5, 1, 120)",
                "INSERT INTO waits (trace_id, wait_id, tid, comm, lock_id, begin_ts, end_ts, "
                    + "duration_ns) VALUES (1, 110, 11, 't11', 1, 10, 40, 30)",
                "INSERT INTO blame (trace_id, wait_id, waiter_tid, lock_id, blocker_tid, "
                    + "relation, begin_ts, end_ts, duration_ns, share, blamed_ns) VALUES "
                    + "(1, 110, 11, 1, 1, 'holder', 10, 40, 30, 1, 30)")) {
            Chain first = chain(0, wait(11, 30, 20), wait(12, 20, 15));
            Chain second = chain(60, wait(12, 12, 10));
            List<Finding> found = new InversionWhatIf().find(Findings.context(
                    TraceChains.of(db.connection(), 1, List.of(first, second))));
            assertEquals(1, found.size());
            Finding f = found.get(0);
            assertEquals(45, f.savedNs());
            assertEquals("priority inversion on mmap_lock: root 1 (prio 139) held it while off "
                    + "CPU for 0 ns; 2 threads of better priority lost 45 ns", f.title());
            assertEquals(List.of("2 chains with root 1 at the root; off CPU 0 ns while holding "
                            + "mmap_lock",
                    "waiters of better priority: t12 12 (prio 120) lost 25 ns, t11 11 (prio 120) "
                            + "lost 20 ns",
                    "ran on its CPU meanwhile: cron 97 (prio 120) 80 ns, hog 99 (prio 120) 60 ns"),
                    f.evidence());
            assertEquals("Or run root 1 at its waiters' priority while it holds the lock, or "
                    + "keep the threads that preempted it (cron 97, hog 99) off its CPU.",
                    f.recommendations().get(1));
        }
    }

    /*
     * One chain of root 1 and lock 1 over 1000..1100: 11 (prio 120) lost 20 while root 1 (prio
     * 139) was off CPU. Root 1's holds of the lock, by hand, with what each was spent on
     * (hold_causes): 0..500 on unmap (500), 1000..1100 on populate (100), 1200..1900 on
     * madvise (700). The root's work the finding names is that of the holds in the chains'
     * window, 1000..1100: populate alone, though the holds before and after it were longer.
     */
    @Test
    void theRootsWorkIsThatOfItsHoldsWithinTheChainsWindowOnly() throws SQLException {
        try (HandRows db = HandRows.of("INSERT INTO thread_states (trace_id, tid, comm, state, "
                    + "begin_ts, end_ts, duration_ns, cpu, prio) VALUES "
                    + "(1, 1, 'root', 'preempted', 1000, 1100, 100, 0, 139), "
                    + "(1, 11, 't11', 'running', 1000, 1005, 5, 1, 120)",
                "INSERT INTO waits (trace_id, wait_id, tid, comm, lock_id, begin_ts, end_ts, "
                    + "duration_ns) VALUES (1, 110, 11, 't11', 1, 1010, 1040, 30)",
                "INSERT INTO blame (trace_id, wait_id, waiter_tid, lock_id, blocker_tid, "
                    + "relation, begin_ts, end_ts, duration_ns, share, blamed_ns) VALUES "
                    + "(1, 110, 11, 1, 1, 'holder', 1010, 1040, 30, 1, 30)",
                "INSERT INTO holds (trace_id, hold_id, lock_id, tid, mode, begin_ts, end_ts, "
                    + "duration_ns) VALUES (1, 1, 1, 1, 'write', 0, 500, 500), "
                    + "(1, 2, 1, 1, 'write', 1000, 1100, 100), "
                    + "(1, 3, 1, 1, 'write', 1200, 1900, 700)",
                "INSERT INTO hold_causes (trace_id, hold_id, lock_id, tid, cause, ns) VALUES "
                    + "(1, 1, 1, 1, 'unmap', 500), (1, 2, 1, 1, 'populate', 100), "
                    + "(1, 3, 1, 1, 'madvise', 700)")) {
            Chain c = new Chain(1, "root", 139, 0, 1, "mmap_lock", "0x1", 1000, 1100, Map.of(),
                    0, 0, 1, List.of(wait(11, 30, 20)));
            List<Finding> found = new InversionWhatIf().find(Findings.context(
                    TraceChains.of(db.connection(), 1, List.of(c))));
            assertEquals(1, found.size());
            assertEquals("Keep low-priority threads from holding mmap_lock across long work "
                    + "(populate): split it into short pieces.",
                    found.get(0).recommendations().get(0));
        }
    }

    private static ChainWait wait(int tid, long rootNs, long offCpuNs) {
        return new ChainWait(tid * 10L, tid, "t" + tid, 120, "mmap_lock", "0x1", "write", null,
                0, rootNs, rootNs, 1, "holder", rootNs, offCpuNs, List.of());
    }

    private static Chain chain(long begin, ChainWait... waits) {
        return new Chain(1, "root", 139, 0, 1, "mmap_lock", "0x1", begin, 100, Map.of(), 0, 0,
                waits.length, List.of(waits));
    }
}
