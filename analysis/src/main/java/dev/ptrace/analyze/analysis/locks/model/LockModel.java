package dev.ptrace.analyze.analysis.locks.model;

import java.sql.SQLException;
import java.util.List;

/**
 * How one kind of lock hands itself over, fed one lock's events in time order: who holds it,
 * who waits, and whom each waiter waits for. Holds come from exact events where the trace has
 * them (mmap_lock acquire and release) or else are inferred from waits: a waiter that got the
 * lock holds it until the lock model says another thread took it.
 */
public interface LockModel {
    /** Receives each finished hold. */
    @FunctionalInterface
    interface HoldSink {
        void accept(Hold h) throws SQLException;
    }

    void waitBegins(int tid, Mode mode, long ts);

    /** The waiter stops waiting, with the lock when {@code acquired}. */
    void waitEnds(int tid, long ts, boolean acquired) throws SQLException;

    /** The trace says {@code tid} took the lock. */
    void acquired(int tid, Mode mode, long ts) throws SQLException;

    /** The trace says {@code tid} let it go. */
    void released(int tid, long ts) throws SQLException;

    /**
     * The trace shows that {@code tid} no longer holds the lock, if it held it by inference:
     * no kernel lock is held across a return to user space, no spinning lock across a switch.
     */
    void letGo(int tid, long ts, String evidence) throws SQLException;

    /** The hold {@code tid} has of the lock now (Hold.id), null when it holds none. */
    Long holdOf(int tid);

    /** Whom {@code waiter} waits for now; empty when the trace does not say. */
    List<Blocker> blockersOf(int waiter);

    /** Ends every hold still open at the end of the trace. */
    void finish(long lastTs) throws SQLException;
}
