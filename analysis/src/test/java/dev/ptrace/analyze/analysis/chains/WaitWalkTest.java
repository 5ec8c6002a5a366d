package dev.ptrace.analyze.analysis.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one pass over the blamed waits: in order of their end (ties in list order), each with
 * its own pieces, what they resolve to, and the earliest begin of the waits still to come.
 * Three waits of lock 1 (mmap_lock) written by hand: wait 1 (thread 10, prio 120) 10-100 for
 * thread 20, which waits itself 0-60 (wait 2, prio 139) for thread 30; wait 3 (thread 40,
 * prio 100) 50-60 for thread 30.
 */
class WaitWalkTest {
    private HandRows db;

    @BeforeEach
    void rows() throws SQLException {
        db = HandRows.of("INSERT INTO locks (trace_id, lock_id, lock_addr, kind, name) VALUES "
                    + "(1, 1, '0x1', 'rwsem', 'mmap_lock')",
                "INSERT INTO waits (trace_id, wait_id, tid, comm, lock_id, mode, begin_ts,"
                    + " end_ts, duration_ns) VALUES (1, 1, 10, 'a', 1, 'write', 10, 100, 90), "
                    + "(1, 2, 20, 'b', 1, 'write', 0, 60, 60), "
                    + "(1, 3, 40, 'c', 1, 'read', 50, 60, 10)",
                "INSERT INTO thread_states (trace_id, tid, state, begin_ts, end_ts, "
                    + "duration_ns, prio) VALUES (1, 10, 'running', 0, 10, 10, 120), "
                    + "(1, 20, 'running', 0, 1, 1, 139), (1, 40, 'running', 0, 50, 50, 100), "
                    + "(1, 30, 'running', 0, 100, 100, 120)",
                "INSERT INTO blame (trace_id, wait_id, waiter_tid, lock_id, blocker_tid, "
                    + "relation, blocker_state, blocker_wait_id, begin_ts, end_ts, duration_ns, "
                    + "share, blamed_ns) VALUES "
                    + "(1, 1, 10, 1, 20, 'holder', 'waiting', 2, 10, 100, 90, 1, 90), "
                    + "(1, 2, 20, 1, 30, 'holder', 'running', NULL, 0, 60, 60, 1, 60), "
                    + "(1, 3, 40, 1, 30, 'holder', 'running', NULL, 50, 60, 10, 1, 10)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theBlamedWaitsAreReadWithTheirLockAndTheWaitersPriorityAtTheBegin()
            throws SQLException {
        assertEquals(List.of("1 10 mmap_lock write 10-100 prio 120",
                "2 20 mmap_lock write 0-60 prio 139", "3 40 mmap_lock read 50-60 prio 100"), WaitWalk.waits(db.connection(), 1).stream()
                .map(w -> w.waitId() + " " + w.tid() + " " + w.lockName() + " " + w.mode() + " "
                        + w.begin() + "-" + w.end() + " prio " + w.prio()).toList());
    }

    @Test
    void waitsAreVisitedInOrderOfTheirEndWithTheirRootsAndTheLowWaterMark() throws SQLException {
        List<String> seen = new ArrayList<>();
        WaitWalk.walk(db.connection(), 1, WaitWalk.waits(db.connection(), 1),
                (index, w, own, resolved, lowWater) -> seen.add(index + ": wait " + w.waitId()
                        + ", " + own.size() + " piece, roots " + resolved.stream()
                        .map(r -> r.root() + " " + r.begin() + "-" + r.end()).toList()
                        + ", low water " + lowWater));
        // waits 2 and 3 both end at 60: list order; wait 1 last. After wait 2, waits 3 (begin
        // 50) and 1 (begin 10) are still to come; after wait 3, wait 1; after wait 1 nothing.
        assertEquals(List.of(
                "1: wait 2, 1 piece, roots [30 0-60], low water 10",
                "2: wait 3, 1 piece, roots [30 50-60], low water 10",
                "0: wait 1, 1 piece, roots [30 10-60, 20 60-100], low water " + Long.MAX_VALUE),
                seen);
    }

    /* Thread 40 (prio 100) waits, 20 (prio 139) is a waiter too: a better-priority waiter. */
    @Test
    void aWaiterOfBetterPriorityThanAnotherMakesAnInversionPossible() throws SQLException {
        assertEquals(true, InversionFinder.possible(db.connection(), 1));
    }
}
