package dev.ptrace.analyze.analysis.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import dev.ptrace.analyze.analysis.causes.CauseTaxonomy;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the chain builder groups and shapes waits, and how attribution hands out their time, on
 * blame written by hand (no trace ingested).
 * Root 30 ("holder") holds mmap_lock (lock 1, 0x1) 0..1000; root 31 ("other") holds lock 3
 * (0x3) 0..1000; both run throughout on CPUs 1 and 0, at prio 120.
 * <ul>
 * <li>wait 1: 20 waits for spinlock 2 10..45 behind 10, itself in wait 2;</li>
 * <li>wait 2: 10 waits for mmap_lock 10..50, for 30;</li>
 * <li>wait 3: 40 waits for mmap_lock 50..70, for 30;</li>
 * <li>wait 4: 45 waits for mmap_lock 0..5, for 30;</li>
 * <li>waits 5 and 6: 50 and 60 wait for lock 3 100..200, each partly for the other:
 *   wait 5 (100..200) for 60 (in wait 6) 100..160 and for 31 160..200; wait 6 (90..200) for
 *   31 90..140 (31 preempted) and for 50 (in wait 5) 140..200;</li>
 * <li>wait 7: 70 waits 300..400 for lock 4 (0x4, which nothing names), 300..360 for two
 *   readers at once (71 and 72, a share of 2 each), then for 73.</li>
 * </ul>
 * Waits 2, 3 and 4 are in mmap, madvise and munmap; 1, 5 and 6 in no syscall. 30 holds
 * mmap_lock 0..60 (hold 1: 45 ns in munmap, 15 in populate), 31 lock 3 0..120 (hold 2, all
 * madvise).
 */
class HandWrittenBlameTest {
    private static HandRows db;

    @BeforeAll
    static void rows() throws SQLException {
        // kept from an earlier run in this JVM: the mutation tests run the class again for
        // every mutant, and the code under test only reads the rows
        if (db != null) {
            return;
        }
        db = HandRows.of("INSERT INTO locks (trace_id, lock_id, lock_addr, kind, name) VALUES "
                    + "(1, 1, '0x1', 'rwsem', 'mmap_lock'), (1, 2, '0x2', 'spinlock', 'ptl'), "
                    + "(1, 3, '0x3', 'rwsem', 'i_mmap_rwsem'), (1, 4, '0x4', 'rwsem', NULL)",
                "INSERT INTO waits (trace_id, wait_id, tid, comm, lock_id, mode, syscall, "
                    + "begin_ts, end_ts, duration_ns) VALUES "
                    + "(1, 1, 20, 'b', 2, 'exclusive', NULL, 10, 45, 35), "
                    + "(1, 2, 10, 'a', 1, 'write', 'mmap', 10, 50, 40), "
                    + "(1, 3, 40, 'c', 1, 'read', 'madvise', 50, 70, 20), "
                    + "(1, 4, 45, 'd', 1, 'read', 'munmap', 0, 5, 5), "
                    + "(1, 5, 50, 'e', 3, 'write', NULL, 100, 200, 100), "
                    + "(1, 6, 60, 'f', 3, 'write', NULL, 90, 200, 110), "
                    + "(1, 7, 70, 'g', 4, 'write', NULL, 300, 400, 100)",
                "INSERT INTO holds (trace_id, hold_id, lock_id, tid, mode, begin_ts, end_ts, "
                    + "end_by_ts, duration_ns, exact) VALUES "
                    + "(1, 1, 1, 30, 'write', 0, 60, 60, 60, true), "
                    + "(1, 2, 3, 31, 'write', 0, 120, 120, 120, true)",
                "INSERT INTO hold_causes (trace_id, hold_id, lock_id, tid, cause, evidence, ns, "
                    + "samples) VALUES (1, 1, 1, 30, 'munmap', 'samples', 45, 3), "
                    + "(1, 1, 1, 30, 'populate', 'samples', 15, 1), "
                    + "(1, 2, 3, 31, 'madvise', 'syscall', 120, 0)",
                "INSERT INTO threads (trace_id, tid, pid, comm) VALUES (1, 10, 10, 'a'), "
                    + "(1, 20, 20, 'b'), (1, 40, 40, 'c'), (1, 41, 40, 'c2'), (1, 45, 45, 'd'), "
                    + "(1, 50, 50, 'e'), (1, 60, 50, 'f'), (1, 30, 30, 'holder'), "
                    + "(1, 31, 31, 'other')",
                "INSERT INTO thread_states (trace_id, tid, comm, state, begin_ts, end_ts, "
                    + "duration_ns, cpu, prio) VALUES "
                    + "(1, 30, 'holder', 'running', 0, 1000, 1000, 1, 120), "
                    + "(1, 31, 'other', 'running', 0, 1000, 1000, 0, 120)",
                "INSERT INTO blame (trace_id, wait_id, waiter_tid, lock_id, blocker_tid, "
                    + "relation, blocker_state, blocker_wait_id, begin_ts, end_ts, duration_ns, "
                    + "share, blamed_ns) VALUES "
                    + "(1, 1, 20, 2, 10, 'holder', 'blocked', 2, 10, 45, 35, 1, 35), "
                    + "(1, 2, 10, 1, 30, 'holder', 'running', NULL, 10, 50, 40, 1, 40), "
                    + "(1, 3, 40, 1, 30, 'holder', 'running', NULL, 50, 70, 20, 1, 20), "
                    + "(1, 4, 45, 1, 30, 'holder', 'running', NULL, 0, 5, 5, 1, 5), "
                    + "(1, 5, 50, 3, 60, 'holder', 'blocked', 6, 100, 160, 60, 1, 60), "
                    + "(1, 5, 50, 3, 31, 'holder', 'running', NULL, 160, 200, 40, 1, 40), "
                    + "(1, 6, 60, 3, 31, 'holder', 'preempted', NULL, 90, 140, 50, 1, 50), "
                    + "(1, 6, 60, 3, 50, 'holder', 'blocked', 5, 140, 200, 60, 1, 60), "
                    + "(1, 7, 70, 4, 71, 'holder', 'running', NULL, 300, 360, 60, 2, 30), "
                    + "(1, 7, 70, 4, 72, 'holder', 'running', NULL, 300, 360, 60, 2, 30), "
                    + "(1, 7, 70, 4, 73, 'holder', 'running', NULL, 360, 400, 40, 1, 40)");
    }

    /*
     * Wait 1 resolves through wait 2 to 30 (10..45: 35 ns on mmap_lock, 30's lock); wait 2 to
     * 30 directly (40). Wait 5: 100..140 through wait 6 to 31 (40, 31 preempted), 140..160
     * back to itself (the circle closes: 20), 160..200 to 31 (40): 31 with 80, 40 of it off
     * CPU. Wait 6: 90..140 to 31 (50, preempted), 140..160 back to itself, 160..200 through
     * wait 5 to 31 (40): 31 with 90, 50 off CPU. Wait 7: 30 each for 71 and 72 (60 ns shared
     * by two), 40 for 73: its root is 73, with 40. So 31's chain (90..200) has 170 ns (90 off
     * CPU), 30's over 10..50 has 75, 73's 40 (the trace shows nothing of 73 itself), then
     * 30's 50..70 (20: wait 3 begins just as wait 2 ends, a new stretch) and 30's 0..5 (5:
     * ends before wait 1 begins). Each chain is named for the lock the root held (mmap_lock
     * for 30, though wait 1, the first to begin, was on the spinlock).
     */
    @Test
    void waitsOfOneRootAndLockFormOneChainPerStretchOfOverlappingTimeMostWaitingFirst()
            throws SQLException {
        assertEquals(List.of(
                "31 other prio 120 cpu 0 lock 3 i_mmap_rwsem 0x3 90-200 {running=110} 170 ns "
                        + "(90 off cpu) 2 waits",
                "30 holder prio 120 cpu 1 lock 1 mmap_lock 0x1 10-50 {running=40} 75 ns "
                        + "(0 off cpu) 2 waits",
                "73 null prio null cpu null lock 4 null 0x4 300-400 {} 40 ns "
                        + "(0 off cpu) 1 waits",
                "30 holder prio 120 cpu 1 lock 1 mmap_lock 0x1 50-70 {running=20} 20 ns "
                        + "(0 off cpu) 1 waits",
                "30 holder prio 120 cpu 1 lock 1 mmap_lock 0x1 0-5 {running=5} 5 ns "
                        + "(0 off cpu) 1 waits"),
                WaitChainBuilder.build(db.connection(), 1).stream()
                        .map(ChainText::head).toList());
    }

    /*
     * Wait 1 waited for 10 in wait 2: it hangs under wait 2, which hangs under the root. Waits 5
     * and 6 each waited most for the other (60 ns of their 100 and 110): a circle. The one that
     * began first becomes a top (6, at 90), and 5 hangs under it. Wait 7 waited 30 ns for each
     * reader (their 60 ns shared) and 40 for 73: it waited for 73 most.
     */
    @Test
    void eachWaitHangsUnderTheWaitItWaitedForMostAndACircleIsBrokenAtItsFirstWait()
            throws SQLException {
        List<Chain> chains = WaitChainBuilder.build(db.connection(), 1);
        assertEquals("[w6 f by 50 holder (90 ns) [w5 e by 60 holder (80 ns) []]]",
                ChainText.tree(chains.get(0).waits()));
        assertEquals("[w2 a by 30 holder (40 ns) [w1 b by 10 holder (35 ns) []]]",
                ChainText.tree(chains.get(1).waits()));
        assertEquals("[w7 g by 73 holder (40 ns) []]", ChainText.tree(chains.get(2).waits()));
    }

    /*
     * Process 40 (threads 40 and 41) waits only in wait 3; thread 60 in wait 6, of 31's chain;
     * thread 10 is a waiter of the 10..50 chain, process 30 its root's; nobody: every chain.
     */
    @Test
    void chainsConcerningAProcessOrThreadAreThoseWhereOneOfItsThreadsWaitsOrIsTheRoot()
            throws SQLException {
        assertEquals(List.of("50-70"), spans(40, null));
        assertEquals(List.of("90-200"), spans(null, 60));
        assertEquals(List.of("10-50"), spans(null, 20));
        assertEquals(List.of("10-50", "50-70", "0-5"), spans(30, null));
        assertEquals(List.of("90-200", "10-50", "300-400", "50-70", "0-5"), spans(null, null));
        assertEquals(List.of(), spans(99, null));
    }

    /*
     * Each piece of resolved time goes to what its root was spending the hold it was in at the
     * piece's start on, in the hold's shares, or to "handoff" where the root held nothing then.
     * Wait 1 (no syscall: "unknown"): 35 ns to 30 in hold 1: 26.25 munmap, 8.75 populate.
     * Wait 2 (mmap): 40: 30 and 10. Wait 3 (madvise) 50..70 starts in hold 1: 15 and 5. Wait 4
     * (munmap): 5: 3.75 and 1.25. Waits 5 and 6 ("unknown"): to 31 in hold 2 from 100 and 90
     * (40 + 50: madvise); the 20 ns each that come back to the waiter itself and 160..200
     * (hold 2 ended at 120) are handoff: 2 x (20 + 40). Wait 7 ("unknown", on a lock with no
     * name: "other locks"): 100 ns to 71, 72 and 73, which hold nothing the trace shows:
     * handoff. Each cell rounded, the largest first.
     */
    @Test
    void attributionGivesEachRootsTimeToItsHoldsCausesOrToHandoff() throws SQLException {
        assertEquals(List.of("i_mmap_rwsem unknown handoff 120", "other locks unknown handoff 100",
                "i_mmap_rwsem unknown madvise 90",
                "mmap_lock mmap munmap 30", "ptl unknown munmap 26",
                "mmap_lock madvise munmap 15", "mmap_lock mmap populate 10",
                "ptl unknown populate 9", "mmap_lock madvise populate 5",
                "mmap_lock munmap munmap 4", "mmap_lock munmap populate 1"),
                Attribution.of(db.connection(), 1, new CauseClassifier(CauseTaxonomy.shipped()))
                        .stream().map(c -> c.lock() + " " + c.waiterActivity() + " "
                                + c.holderCause() + " " + c.waitNs()).toList());
    }

    private static List<String> spans(Integer pid, Integer tid) throws SQLException {
        return WaitChainBuilder.build(db.connection(), 1, pid, tid).stream()
                .map(c -> c.begin() + "-" + c.end()).toList();
    }
}
