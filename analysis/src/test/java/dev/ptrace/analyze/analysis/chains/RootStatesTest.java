package dev.ptrace.analyze.analysis.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a chain's root did over a stretch, from its thread states: each state's time inside the
 * stretch (largest first), and its name, priority and CPU as of its last state there. Thread
 * 5 runs 0-10 on CPU 0, is preempted 10-20, runs 20-30 on CPU 1 at another priority; thread
 * 6 is not a root.
 */
class RootStatesTest {
    private HandRows db;

    @BeforeEach
    void states() throws SQLException {
        db = HandRows.of("INSERT INTO thread_states (trace_id, tid, comm, state, begin_ts, end_ts,"
                    + " duration_ns, cpu, prio, begin_exact, end_exact) VALUES "
                    + "(1, 5, 'w', 'running', 0, 10, 10, 0, 120, true, true), "
                    + "(1, 5, 'w', 'preempted', 10, 20, 10, 0, 120, true, true), "
                    + "(1, 5, 'w2', 'running', 20, 30, 10, 1, 100, true, true), "
                    + "(1, 6, 'v', 'running', 0, 30, 30, 1, 120, true, true)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private RootStates.Summary over(int tid, long begin, long end) throws SQLException {
        return new RootStates(db.connection(), 1, Set.of(5)).over(tid, begin, end);
    }

    @Test
    void aStretchBetweenTwoStatesCountsOnlyTheStateInside() throws SQLException {
        assertEquals(new RootStates.Summary(Map.of("preempted", 10L), "w", 120, 0),
                over(5, 10, 20));
    }

    @Test
    void statesCutByTheStretchCountTheirPartInsideLargestFirst() throws SQLException {
        RootStates.Summary s = over(5, 7, 25); // running 7-10 and 20-25

        assertEquals(List.of("preempted", "running"), List.copyOf(s.states().keySet()));
        assertEquals(Map.of("preempted", 10L, "running", 8L), s.states());
        assertEquals(List.of("w2", 100, 1), List.of(s.comm(), s.prio(), s.cpu()));
    }

    @Test
    void aThreadThatIsNoRootOrAStretchWithoutStatesIsUnknown() throws SQLException {
        assertEquals(new RootStates.Summary(Map.of(), null, null, null), over(6, 0, 30));
        assertEquals(new RootStates.Summary(Map.of(), null, null, null), over(5, 30, 40));
    }
}
