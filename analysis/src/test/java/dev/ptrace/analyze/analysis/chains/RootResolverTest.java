package dev.ptrace.analyze.analysis.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.analysis.locks.BlameRow;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Blame followed to the root of each chain, on pieces written by hand: the expected roots,
 * states, stretches and weights follow from the pieces by the rule in RootResolver's comment
 * (a blocker that was waiting is replaced by its own wait's pieces over the same stretch).
 */
class RootResolverTest {
    private static final long LOCK = 7;

    private final List<BlameRow> pieces = new ArrayList<>();

    /** Wait {@code waitId} of {@code waiter} blamed on {@code blocker} over [begin, end). */
    private void piece(long waitId, int waiter, int blocker, String state, Long blockerWait,
                       long begin, long end, int share) {
        pieces.add(BlameRow.of(1, waitId, waiter, LOCK, blocker, "holder", state, blockerWait,
                begin, end, share, null));
    }

    private List<RootTime> resolve(long waitId, long begin, long end) throws SQLException {
        List<BlameRow> sorted = new ArrayList<>(pieces);
        sorted.sort(Comparator.comparingLong(BlameRow::beginTs));
        Iterator<BlameRow> it = sorted.iterator();
        TimeWindow<Long, BlameRow> window = new TimeWindow<>(() -> it.hasNext() ? it.next() : null,
                BlameRow::waitId, BlameRow::beginTs, BlameRow::endTs);
        window.loadBefore(Long.MAX_VALUE);
        return new RootResolver(window).resolve(waitId, begin, end);
    }

    private static RootTime root(int tid, String state, long begin, long end, double weight) {
        return new RootTime(tid, state, LOCK, begin, end, weight);
    }

    @Test
    void aBlockerNotWaitingIsTheRoot() throws SQLException {
        piece(1, 10, 20, "running", null, 0, 100, 1);
        assertEquals(List.of(root(20, "running", 0, 100, 1.0)), resolve(1, 0, 100));
    }

    /*
     * 10 waits 0-100 for 20; 20 itself waits 0-60 for 30 (running). 0-60 goes to 30; for
     * 60-100 20 was no longer waiting, so it is the root there, in the state the piece says.
     */
    @Test
    void aWaitingBlockerIsReplacedByWhatItWaitedForAndIsTheRootAfterItsWaitEnds() throws SQLException {
        piece(1, 10, 20, "preempted", 2L, 0, 100, 1);
        piece(2, 20, 30, "running", null, 0, 60, 1);
        assertEquals(List.of(root(30, "running", 0, 60, 1.0), root(20, "preempted", 60, 100, 1.0)),
                resolve(1, 0, 100));
    }

    /* The blocker's wait covers more than the piece: only the piece's stretch is followed. */
    @Test
    void theBlockersWaitIsFollowedOnlyOverThePiecesStretch() throws SQLException {
        piece(2, 20, 30, "sleeping", null, 0, 500, 1);
        piece(1, 10, 20, "waiting", 2L, 100, 200, 1);
        assertEquals(List.of(root(30, "sleeping", 100, 200, 1.0)), resolve(1, 100, 200));
    }

    /* Asked for 30-70 of a piece 0-100: the root's time is 30-70. */
    @Test
    void aStretchAskedForCutsThePiecesAtItsBounds() throws SQLException {
        piece(1, 10, 20, "running", null, 0, 100, 1);
        assertEquals(List.of(root(20, "running", 30, 70, 1.0)), resolve(1, 30, 70));
    }

    /* Pieces that end at the stretch's begin or begin at its end share no time with it. */
    @Test
    void piecesThatOnlyTouchTheStretchAreLeftOut() throws SQLException {
        piece(1, 10, 20, "running", null, 0, 50, 1);
        piece(1, 10, 21, "running", null, 50, 80, 1);
        piece(1, 10, 22, "running", null, 80, 100, 1);
        assertEquals(List.of(root(21, "running", 50, 80, 1.0)), resolve(1, 50, 80));
    }

    /*
     * Two readers held together (share 2): each counts half. Reader 20 itself waited 0-100
     * for 30 shared with one other (share 2): 30's part of the first reader's half is a
     * quarter.
     */
    @Test
    void sharedBlockersSplitTheTimeAndTheSplitsMultiplyAlongTheChain() throws SQLException {
        piece(1, 10, 20, "waiting", 2L, 0, 100, 2);
        piece(1, 10, 21, "running", null, 0, 100, 2);
        piece(2, 20, 30, "running", null, 0, 100, 2);
        assertEquals(List.of(root(30, "running", 0, 100, 0.25), root(21, "running", 0, 100, 0.5)),
                resolve(1, 0, 100));
    }

    /* A blocker's wait with no pieces (none recorded) ends the chain at the blocker. */
    @Test
    void aBlockerWaitWithoutPiecesEndsTheChainAtTheBlocker() throws SQLException {
        piece(1, 10, 20, "waiting", 99L, 0, 100, 1);
        assertEquals(List.of(root(20, "waiting", 0, 100, 1.0)), resolve(1, 0, 100));
    }

    /*
     * 10 waits for 20 (wait 2), 20 for 10 (wait 1): a cycle, which ends where it closes, at
     * 10's blocker 20 as wait 2 sees it: 10 waiting (wait 1 is on the path).
     */
    @Test
    void aCycleEndsWhereItCloses() throws SQLException {
        piece(1, 10, 20, "waiting", 2L, 0, 100, 1);
        piece(2, 20, 10, "waiting", 1L, 0, 100, 1);
        assertEquals(List.of(root(10, "waiting", 0, 100, 1.0)), resolve(1, 0, 100));
    }

    /*
     * A chain of 40 waits, wait k of thread 100 + k waiting for thread 101 + k (wait k + 1):
     * resolving wait 0 follows 32 levels (waits 0 .. 31), and the piece of wait 32 ends it at
     * its blocker, thread 133, although that one waits too.
     */
    @Test
    void aChainDeeperThanThirtyTwoStopsAtTheThirtyThirdBlocker() throws SQLException {
        for (int k = 0; k < 40; k++) {
            piece(k, 100 + k, 101 + k, "waiting", k + 1L, 0, 100, 1);
        }
        assertEquals(List.of(root(133, "waiting", 0, 100, 1.0)), resolve(0, 0, 100));
    }

    /*
     * Wait 1 is 5,000 pieces of 1 ns, each blamed on 20 while 20 waited (wait 2, for 30).
     * The first 4,096 are followed to 30; the bound reached, the rest stop at 20.
     */
    @Test
    void pastFourThousandNinetySixPiecesTheRestStopAtTheirImmediateBlockers() throws SQLException {
        piece(2, 20, 30, "running", null, 0, 5000, 1);
        for (int i = 0; i < 5000; i++) {
            piece(1, 10, 20, "waiting", 2L, i, i + 1, 1);
        }
        List<RootTime> roots = resolve(1, 0, 5000);
        assertEquals(5000, roots.size());
        assertEquals(4096, roots.stream().filter(r -> r.root() == 30).count());
        assertEquals(root(30, "running", 4095, 4096, 1.0), roots.get(4095));
        assertEquals(root(20, "waiting", 4096, 4097, 1.0), roots.get(4096));
    }

    @Test
    void aRootIsOffCpuUnlessRunningOrUnknown() {
        assertEquals(false, root(1, "running", 0, 1, 1).rootOffCpu());
        assertEquals(false, root(1, "unknown", 0, 1, 1).rootOffCpu());
        assertEquals(false, new RootTime(1, null, LOCK, 0, 1, 1).rootOffCpu());
        assertEquals(true, root(1, "preempted", 0, 1, 1).rootOffCpu());
        assertEquals(150.0, root(1, "running", 100, 400, 0.5).weightedNs());
    }
}
