package dev.ptrace.analyze.analysis.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.Schema;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one pass over the blamed waits: in order of their end (ties in list order), each with
 * its own pieces, what they resolve to, and the earliest begin of the waits still to come.
 * Three waits of lock 1 written by hand: wait 1 (thread 10) 0-100 for thread 20, which waits
 * itself 0-60 (wait 2) for thread 30; wait 3 (thread 40) 50-60 for thread 30.
 */
class WaitWalkTest {
    private final Database db = Database.inMemory();

    @AfterEach
    void close() {
        db.close();
    }

    private static BlamedWait wait(long id, int tid, long begin, long end) {
        return new BlamedWait(id, tid, "t" + tid, 1, "write", null, begin, end, end - begin,
                "mmap_lock", "0x1", 120, null);
    }

    @Test
    void waitsAreVisitedInOrderOfTheirEndWithTheirRootsAndTheLowWaterMark() throws SQLException {
        Schema.ensure(db.connection());
        try (Statement st = db.connection().createStatement()) {
            st.execute("INSERT INTO blame (trace_id, wait_id, waiter_tid, lock_id, blocker_tid, "
                    + "relation, blocker_state, blocker_wait_id, begin_ts, end_ts, duration_ns, "
                    + "share, blamed_ns) VALUES "
                    + "(1, 1, 10, 1, 20, 'holder', 'waiting', 2, 0, 100, 100, 1, 100), "
                    + "(1, 2, 20, 1, 30, 'holder', 'running', NULL, 0, 60, 60, 1, 60), "
                    + "(1, 3, 40, 1, 30, 'holder', 'running', NULL, 50, 60, 10, 1, 10)");
        }
        List<BlamedWait> waits = List.of(wait(1, 10, 0, 100), wait(2, 20, 0, 60),
                wait(3, 40, 50, 60));
        List<String> seen = new ArrayList<>();
        WaitWalk.walk(db.connection(), 1, waits, (index, w, own, resolved, lowWater) ->
                seen.add(index + ": wait " + w.waitId() + ", " + own.size() + " piece, roots "
                        + resolved.stream().map(r -> r.root() + " " + r.begin() + "-" + r.end())
                        .toList() + ", low water " + lowWater));
        // waits 2 and 3 both end at 60: list order; wait 1 last. After wait 2, wait 1 (begin
        // 0) is still to come; after wait 1 nothing is: Long.MAX_VALUE.
        assertEquals(List.of(
                "1: wait 2, 1 piece, roots [30 0-60], low water 0",
                "2: wait 3, 1 piece, roots [30 50-60], low water 0",
                "0: wait 1, 1 piece, roots [30 0-60, 20 60-100], low water " + Long.MAX_VALUE),
                seen);
    }
}
