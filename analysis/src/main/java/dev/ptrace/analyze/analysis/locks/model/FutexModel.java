package dev.ptrace.analyze.analysis.locks.model;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A futex word of a user-space program. The trace shows its waits (futex syscalls) but not
 * who holds it, so a waiter waits for the thread that woke it (known ahead from the trace:
 * {@link #waitBegins(int, long, Integer)}), and once woken for a CPU. For a lock (a pthread
 * mutex: user-lock-names.tsv's kind futex lock) that waker was its holder: a woken waiter
 * takes the lock, and holds it until it wakes another, unless it waits again first (the lock
 * was taken by a thread that never slept); a waker the trace never saw take it (nor wait for
 * it) held it at least from the first wait it ends. For an event (a condition variable) nobody
 * holds the word.
 */
public final class FutexModel implements LockModel {
    /** A hold's end the futex wake of its holder shows (the unlock came just before). */
    public static final String WAKE = "futex wake";

    private static final class Waiter {
        final Integer waker;
        boolean woken;

        Waiter(Integer waker) {
            this.waker = waker;
        }
    }

    /** @param tentative a woken waiter's: dropped if it waits again before it wakes anyone */
    private record Held(long id, long since, boolean tentative) {
    }

    private final boolean lock;
    private final LongSupplier holdIds;
    private final HoldSink sink;
    private final Map<Integer, Waiter> waiting = new HashMap<>();
    private final Map<Integer, Held> holders = new HashMap<>();

    private FutexModel(boolean lock, LongSupplier holdIds, HoldSink sink) {
        this.lock = lock;
        this.holdIds = holdIds;
        this.sink = sink;
    }

    /** A futex lock's model (LockKind's factory shape: the trace never has exact holds). */
    static FutexModel lock(boolean exactHolds, long firstTs, LongSupplier holdIds, HoldSink sink) {
        return new FutexModel(true, holdIds, sink);
    }

    /** A futex event's model: nobody holds it. */
    static FutexModel event(boolean exactHolds, long firstTs, LongSupplier holdIds,
                            HoldSink sink) {
        return new FutexModel(false, holdIds, sink);
    }

    @Override
    public void waitBegins(int tid, Mode mode, long ts) {
        waitBegins(tid, ts, null);
    }

    /** {@code tid} begins to wait until {@code waker} (null: nobody, as far as the trace shows). */
    public void waitBegins(int tid, long ts, Integer waker) {
        Held own = holders.get(tid);
        if (own != null && own.tentative()) {
            holders.remove(tid);
        }
        waiting.put(tid, new Waiter(waker));
        if (lock && waker != null && !holders.containsKey(waker)
                && !waiting.containsKey(waker)) {
            holders.put(waker, new Held(holdIds.getAsLong(), ts, false));
        }
    }

    /** The waker woke {@code tid}: it waits for a CPU now. */
    public void woken(int tid) {
        Waiter w = waiting.get(tid);
        if (w != null) {
            w.woken = true;
        }
    }

    @Override
    public void waitEnds(int tid, long ts, boolean acquired) {
        waiting.remove(tid);
        if (lock && acquired) {
            holders.put(tid, new Held(holdIds.getAsLong(), ts, true));
        }
    }

    @Override
    public void acquired(int tid, Mode mode, long ts) {
    }

    /** {@code tid} woke the word's waiters: a lock it held is let go. */
    @Override
    public void released(int tid, long ts) throws SQLException {
        Held h = holders.remove(tid);
        if (h != null) {
            emit(tid, h, ts, WAKE);
        }
    }

    @Override
    public void letGo(int tid, long ts, String evidence) {
    }

    @Override
    public Long holdOf(int tid) {
        Held h = holders.get(tid);
        return h == null ? null : h.id();
    }

    @Override
    public List<Blocker> blockersOf(int waiter) {
        Waiter w = waiting.get(waiter);
        if (w == null) {
            return List.of();
        }
        if (w.woken) {
            return List.of(new Blocker(waiter, Blocker.Relation.HANDOFF));
        }
        if (w.waker == null) {
            return List.of();
        }
        return List.of(new Blocker(w.waker, lock ? Blocker.Relation.HOLDER
                : Blocker.Relation.WAKER));
    }

    @Override
    public void finish(long lastTs) throws SQLException {
        for (Map.Entry<Integer, Held> e : holders.entrySet()) {
            emit(e.getKey(), e.getValue(), lastTs, Hold.TRACE_END);
        }
    }

    private void emit(int tid, Held h, long end, String evidence) throws SQLException {
        sink.accept(new Hold(h.id(), tid, Mode.EXCLUSIVE, h.since(), end, end, false, evidence,
                false));
    }
}
