package dev.ptrace.analyze.analysis.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which waiters of a chain are victims of an inversion, and what they lost, on chains written
 * by hand (the database is empty: no thread ran on the root's CPU, so no preemptors). The rule
 * (InversionFinder): a waiter anywhere in the chain with a better (lower) priority than the
 * root loses its waiting traced to the root while the root was off CPU.
 */
class InversionFinderTest {
    private HandRows db;

    /* Root 1 is preempted on CPU 0 over 0-100; thread 99 runs there 0-60, thread 98 on CPU 1. */
    @BeforeEach
    void schema() throws SQLException {
        db = HandRows.of("INSERT INTO thread_states (trace_id, tid, comm, state, begin_ts, end_ts,"
                    + " duration_ns, cpu, prio, begin_exact, end_exact) VALUES "
                    + "(1, 1, 'root', 'preempted', 0, 100, 100, 0, 139, true, true), "
                    + "(1, 99, 'hog', 'running', 0, 60, 60, 0, 120, true, true), "
                    + "(1, 98, 'other', 'running', 0, 100, 100, 1, 120, true, true)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static ChainWait wait(int tid, Integer prio, long rootNs, long offCpuNs,
                                  ChainWait... children) {
        return new ChainWait(tid * 10L, tid, "t" + tid, prio, "mmap_lock", "0x1", "write", null,
                0, rootNs, rootNs, null, "holder", rootNs, offCpuNs, List.of(children));
    }

    private static Chain chain(int root, Integer prio, ChainWait... waits) {
        return new Chain(root, "root", prio, 0, 1, "mmap_lock", "0x1", 0, 100, Map.of(), 0, 0,
                waits.length, List.of(waits));
    }

    private List<Inversion> find(Chain... chains) throws SQLException {
        return InversionFinder.find(db.connection(), 1, List.of(chains));
    }

    /* 11 waited under 12 (prio 130): only 11 is better than the root's 139 and off-CPU time. */
    @Test
    void aVictimUnderAnotherWaiterCountsAndOneThatLostNoOffCpuTimeIsNone() throws SQLException {
        Chain c = chain(1, 139,
                wait(12, 140, 50, 40, wait(11, 120, 30, 20)),
                wait(13, 120, 10, 0));
        List<Inversion> found = find(c);
        assertEquals(1, found.size());
        assertEquals(List.of(new Inversion.Victim(11, "t11", 120, 30, 20)),
                found.get(0).victims());
        assertEquals(20, found.get(0).lostNs());
        assertEquals(List.of(new Inversion.Preemptor(99, "hog", 120, 60)),
                found.get(0).preemptors());
    }

    /* A trace with no waits: no chain can be an inversion, and none is worked out. */
    @Test
    void aTraceWithoutWaitsHasNoPossibleInversion() throws SQLException {
        assertEquals(false, InversionFinder.possible(db.connection(), 1));
        assertEquals(List.of(), InversionFinder.find(new TraceChains(db.connection(), 1)));
    }

    /*
     * Thread 11 (prio 120) waits for root 1 (prio 139): an inversion is possible, so the chains
     * are asked for and searched: the victim lost its 20 ns off CPU.
     */
    @Test
    void chainsAreSearchedWhenAWaiterRanAtABetterPriorityThanItsBlocker() throws SQLException {
        try (Statement st = db.connection().createStatement()) {
            st.execute("INSERT INTO thread_states (trace_id, tid, comm, state, begin_ts, end_ts, "
                    + "duration_ns, cpu, prio) VALUES (1, 11, 't11', 'running', 0, 10, 10, 1, 120)");
            st.execute("INSERT INTO waits (trace_id, wait_id, tid, comm, lock_id, begin_ts, "
                    + "end_ts, duration_ns) VALUES (1, 110, 11, 't11', 1, 10, 40, 30)");
            st.execute("INSERT INTO blame (trace_id, wait_id, waiter_tid, lock_id, blocker_tid, "
                    + "relation, begin_ts, end_ts, duration_ns, share, blamed_ns) VALUES "
                    + "(1, 110, 11, 1, 1, 'holder', 10, 40, 30, 1, 30)");
        }
        assertEquals(true, InversionFinder.possible(db.connection(), 1));
        List<Inversion> found = InversionFinder.find(TraceChains.of(db.connection(), 1,
                List.of(chain(1, 139, wait(11, 120, 30, 20)))));
        assertEquals(List.of(20L), found.stream().map(Inversion::lostNs).toList());
    }

    /* One thread waiting twice in the chain is one victim with both waits' times. */
    @Test
    void aThreadWaitingTwiceInAChainIsOneVictimWithBothWaits() throws SQLException {
        Chain c = chain(1, 139, wait(11, 120, 30, 20), wait(11, 120, 15, 5));
        assertEquals(List.of(new Inversion.Victim(11, "t11", 120, 45, 25)),
                find(c).get(0).victims());
    }

    /* Equal priority is no inversion; a root of unknown priority has none. */
    @Test
    void noVictimAtTheRootsPriorityOrUnderARootOfUnknownPriority() throws SQLException {
        assertEquals(List.of(), find(chain(1, 120, wait(11, 120, 30, 20))));
        assertEquals(List.of(), find(chain(1, null, wait(11, 100, 30, 20))));
        assertEquals(List.of(), find(chain(1, 139, wait(11, null, 30, 20))));
    }

    @Test
    void inversionsComeTheMostTimeLostFirst() throws SQLException {
        Chain small = chain(1, 139, wait(11, 120, 30, 5));
        Chain large = chain(2, 139, wait(21, 120, 30, 25));
        assertEquals(List.of(25L, 5L), find(small, large).stream().map(Inversion::lostNs)
                .toList());
    }
}
