package dev.ptrace.analyze.analysis.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import dev.ptrace.analyze.analysis.causes.CauseTaxonomy;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chains' and attribution's edge cases on blame written by hand (no trace ingested), in
 * the manner of {@link HandWrittenBlameTest}: a circle entered from outside whose two waits
 * began together, roots the trace shows only as waiters, a piece without a blocker and a
 * waiter whose stack says what it was doing.
 * <ul>
 * <li>Lock 3 (i_mmap_rwsem, 0x3), held by 31 ("other", running 0..1000 on CPU 0, prio 120):
 *   waits 1 (70, "z"), 2 (50, "x") and 3 (60, "y"), each 100..200. Wait 1 is blamed on 60 in
 *   wait 3 throughout; wait 2 on 60 in wait 3 100..160, then on 31; wait 3 on 31 100..140,
 *   then on 50 in wait 2.</li>
 * <li>Lock 6 (a mutex nothing names, 0x6): waits 4 (82, "r") and 5 (83, "s"), each 300..400,
 *   each blamed on the other's thread in the other's wait throughout (blocked); the trace
 *   shows no state of 82 or 83.</li>
 * <li>Lock 5 (mmap_lock, 0x5): wait 6 (90, "p", read, in no syscall) 500..600, its
 *   contention_begin's stack rwsem_down_read_slowpath < lock_mm_and_find_vma <
 *   do_user_addr_fault < exc_page_fault; no blocker known 500..540, then 91 (running), which
 *   holds mmap_lock 400..600 (hold 1) all in munmap.</li>
 * </ul>
 */
class HandWrittenChainEdgesTest {
    private static HandRows db;

    @BeforeAll
    static void rows() throws SQLException {
        // kept from an earlier run in this JVM: the mutation tests run the class again for
        // every mutant, and the code under test only reads the rows
        if (db != null) {
            return;
        }
        db = HandRows.of("INSERT INTO locks (trace_id, lock_id, lock_addr, kind, name) VALUES "
                    + "(1, 3, '0x3', 'rwsem', 'i_mmap_rwsem'), (1, 5, '0x5', 'rwsem', "
                    + "'mmap_lock'), (1, 6, '0x6', 'mutex', NULL)",
                "INSERT INTO waits (trace_id, wait_id, tid, comm, lock_id, mode, syscall, "
                    + "begin_ts, end_ts, duration_ns, stack_id) VALUES "
                    + "(1, 1, 70, 'z', 3, 'write', NULL, 100, 200, 100, NULL), "
                    + "(1, 2, 50, 'x', 3, 'write', NULL, 100, 200, 100, NULL), "
                    + "(1, 3, 60, 'y', 3, 'write', NULL, 100, 200, 100, NULL), "
                    + "(1, 4, 82, 'r', 6, 'exclusive', NULL, 300, 400, 100, NULL), "
                    + "(1, 5, 83, 's', 6, 'exclusive', NULL, 300, 400, 100, NULL), "
                    + "(1, 6, 90, 'p', 5, 'read', NULL, 500, 600, 100, 1)",
                "INSERT INTO lock_contention (trace_id, seq, line, ts, cpu, pid, tid, comm, "
                    + "event, stack_id, phase, lock_addr, flags, flag_names) VALUES "
                    + "(1, 1, 1, 500, 0, 90, 90, 'p', 'lock:contention_begin', 1, 'begin', "
                    + "'0x5', 2, 'READ')",
                "INSERT INTO stack_frames (trace_id, stack_id, depth, ip, symbol, "
                    + "symbol_offset, module) VALUES "
                    + "(1, 1, 0, 'ffffffff81000010', 'rwsem_down_read_slowpath', 16, "
                    + "'[kernel.kallsyms]'), "
                    + "(1, 1, 1, 'ffffffff81000110', 'lock_mm_and_find_vma', 16, "
                    + "'[kernel.kallsyms]'), "
                    + "(1, 1, 2, 'ffffffff81000210', 'do_user_addr_fault', 16, "
                    + "'[kernel.kallsyms]'), "
                    + "(1, 1, 3, 'ffffffff81000310', 'exc_page_fault', 16, '[kernel.kallsyms]')",
                "INSERT INTO holds (trace_id, hold_id, lock_id, tid, mode, begin_ts, end_ts, "
                    + "end_by_ts, duration_ns, exact) VALUES "
                    + "(1, 1, 5, 91, 'write', 400, 600, 600, 200, true)",
                "INSERT INTO hold_causes (trace_id, hold_id, lock_id, tid, cause, evidence, ns, "
                    + "samples) VALUES (1, 1, 5, 91, 'munmap', 'syscall', 200, 0)",
                "INSERT INTO threads (trace_id, tid, pid, comm) VALUES (1, 31, 31, 'other'), "
                    + "(1, 50, 50, 'x'), (1, 60, 60, 'y'), (1, 70, 70, 'z'), (1, 82, 82, 'r'), "
                    + "(1, 83, 83, 's'), (1, 90, 90, 'p'), (1, 91, 91, 'q')",
                "INSERT INTO thread_states (trace_id, tid, comm, state, begin_ts, end_ts, "
                    + "duration_ns, cpu, prio) VALUES "
                    + "(1, 31, 'other', 'running', 0, 1000, 1000, 0, 120)",
                "INSERT INTO blame (trace_id, wait_id, waiter_tid, lock_id, blocker_tid, "
                    + "relation, blocker_state, blocker_wait_id, begin_ts, end_ts, duration_ns, "
                    + "share, blamed_ns) VALUES "
                    + "(1, 1, 70, 3, 60, 'holder', 'blocked', 3, 100, 200, 100, 1, 100), "
                    + "(1, 2, 50, 3, 60, 'holder', 'blocked', 3, 100, 160, 60, 1, 60), "
                    + "(1, 2, 50, 3, 31, 'holder', 'running', NULL, 160, 200, 40, 1, 40), "
                    + "(1, 3, 60, 3, 31, 'holder', 'running', NULL, 100, 140, 40, 1, 40), "
                    + "(1, 3, 60, 3, 50, 'holder', 'blocked', 2, 140, 200, 60, 1, 60), "
                    + "(1, 4, 82, 6, 83, 'holder', 'blocked', 5, 300, 400, 100, 1, 100), "
                    + "(1, 5, 83, 6, 82, 'holder', 'blocked', 4, 300, 400, 100, 1, 100), "
                    + "(1, 6, 90, 5, NULL, NULL, NULL, NULL, 500, 540, 40, 1, 40), "
                    + "(1, 6, 90, 5, 91, 'holder', 'running', NULL, 540, 600, 60, 1, 60)");
    }

    /*
     * Wait 1 through wait 3 (100..200): 31 100..140; 140..200 through wait 2: 60 (in wait 3,
     * already on the path: the circle closes) 140..160, 31 160..200: 31 with 80, 60 with 20.
     * Wait 2: 100..160 through wait 3: 31 100..140, 50 (itself) 140..160; 31 160..200: 31 with
     * 80. Wait 3: 31 100..140; through wait 2 140..200: 60 (itself) 140..160, 31 160..200: 31
     * with 80. One chain of 31 on lock 3, 100..200: 240 ns, 31 running throughout.
     * Wait 4 through wait 5: 82 (in wait 4, on the path) 300..400: its root is its own thread,
     * blocked; wait 5's likewise 83. The trace shows no state of 82 or 83: each chain is named
     * from its root's own wait ("r", "s"), 100 ns each, all of it off CPU; the two tie, in
     * the order of their waits.
     * Wait 6: 500..540 has no blocker (no root); 540..600 to 91: 91's chain, 60 ns; 91 neither
     * runs nor waits in the trace: no name.
     */
    @Test
    void rootsTheTraceShowsOnlyAsWaitersAreNamedFromTheirOwnWaits() throws SQLException {
        assertEquals(List.of(
                "31 other prio 120 cpu 0 lock 3 i_mmap_rwsem 0x3 100-200 {running=100} 240 ns "
                        + "(0 off cpu) 3 waits",
                "82 r prio null cpu null lock 6 null 0x6 300-400 {} 100 ns (100 off cpu) "
                        + "1 waits",
                "83 s prio null cpu null lock 6 null 0x6 300-400 {} 100 ns (100 off cpu) "
                        + "1 waits",
                "91 null prio null cpu null lock 5 mmap_lock 0x5 500-600 {} 60 ns (0 off cpu) "
                        + "1 waits"),
                WaitChainBuilder.build(db.connection(), 1).stream()
                        .map(ChainText::head).toList());
    }

    /*
     * Each wait hangs under the wait of the thread it waited for most: wait 1 under wait 3
     * (60, 100 ns), wait 2 under wait 3 (60 ns against 31's 40), wait 3 under wait 2 (60
     * against 40): waits 2 and 3 form a circle, entered from wait 1. Of a circle the wait that
     * began first becomes a top; 2 and 3 both began at 100: the lower id, wait 2. Wait 3
     * hangs under it, wait 1 under wait 3.
     */
    @Test
    void aCircleWhoseWaitsBeganTogetherIsToppedByItsLowestWaitIdWhereverItIsEntered()
            throws SQLException {
        assertEquals("[w2 x by 60 holder (80 ns) [w3 y by 50 holder (80 ns) "
                        + "[w1 z by 60 holder (80 ns) []]]]",
                ChainText.tree(WaitChainBuilder.build(db.connection(), 1).get(0).waits()));
    }

    /*
     * Wait 6 was in no syscall; its stack has do_user_addr_fault and exc_page_fault: a page
     * fault (causes.tsv). Its 40 ns without a blocker go to "unknown"; its 60 ns behind 91 to
     * what 91 spent its hold of mmap_lock on at 540: hold 1, all munmap. (Locks 3 and 6 are
     * the other cells: their waits are in no syscall and have no stack.)
     */
    @Test
    void aPieceWithoutBlockerIsUnknownAndAWaitersStackSaysWhatItWasDoing()
            throws SQLException {
        assertEquals(List.of("mmap_lock page fault munmap 60", "mmap_lock page fault unknown 40"),
                Attribution.of(db.connection(), 1, new CauseClassifier(CauseTaxonomy.shipped()))
                        .stream().filter(c -> c.lock().equals("mmap_lock"))
                        .map(c -> c.lock() + " " + c.waiterActivity() + " " + c.holderCause()
                                + " " + c.waitNs()).toList());
    }
}
