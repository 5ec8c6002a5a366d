package dev.ptrace.analyze.analysis.locks.model;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The state every lock model keeps: the waiters in arrival order and the holders. What differs
 * between lock kinds is whom a waiter waits for ({@link #blockersOf}). A new holder displaces
 * every holder unless both hold for read (readers share; exclusive holds share nothing).
 */
public abstract class QueuedLockModel implements LockModel {
    /**
     * @param unseenEnd a spinning lock taken with nobody waiting, without release events: no
     *                  waiter's taking will bound its end, so the trace cannot say it is still
     *                  held when a thread begins to wait for the lock later
     */
    private record Held(long id, Mode mode, long since, boolean exact, boolean cutStart,
                        boolean unseenEnd) {
        /** The hold, let go at {@code ts} or, when its end is unseen, by then. */
        Hold close(int tid, long ts, String evidence) {
            return new Hold(id, tid, mode, since, unseenEnd ? since : ts, ts, exact, evidence,
                    cutStart);
        }
    }

    /** Waiters in the order they began waiting. */
    protected final Map<Integer, Mode> queue = new LinkedHashMap<>();
    private final Map<Integer, Held> holders = new LinkedHashMap<>();
    /** Threads seen taking or letting go of the lock: a release of theirs is not a cut one. */
    private final Set<Integer> seen = new HashSet<>();
    /** Holds come from the trace's events: no holder means the lock is free. */
    protected final boolean exactHolds;
    private final long firstTs;
    private final LongSupplier holdIds;
    private final HoldSink sink;

    /**
     * @param exactHolds holds come from {@link #acquired}/{@link #released} events only (the
     *                   trace has them for this lock); otherwise they are inferred from waits
     */
    protected QueuedLockModel(boolean exactHolds, long firstTs, LongSupplier holdIds,
                              HoldSink sink) {
        this.exactHolds = exactHolds;
        this.firstTs = firstTs;
        this.holdIds = holdIds;
        this.sink = sink;
    }

    @Override
    public void waitBegins(int tid, Mode mode, long ts) {
        queue.putIfAbsent(tid, mode);
    }

    @Override
    public void waitEnds(int tid, long ts, boolean acquired) throws SQLException {
        Mode mode = queue.remove(tid);
        if (acquired && !exactHolds && mode != null) {
            take(tid, mode, ts, false);
        }
    }

    /**
     * A thread holding for write that acquires for read has downgraded (mmap_write_downgrade
     * traces just that, as munmap does): its write hold ends, a read hold begins.
     */
    @Override
    public void acquired(int tid, Mode mode, long ts) throws SQLException {
        if (!exactHolds) {
            return;
        }
        seen.add(tid);
        Held h = holders.get(tid);
        if (h != null && h.mode() == Mode.WRITE && mode == Mode.READ) {
            holders.remove(tid);
            sink.accept(h.close(tid, ts, Hold.DOWNGRADED));
            h = null;
        }
        if (h == null) {
            take(tid, mode, ts, true);
        }
    }

    @Override
    public void released(int tid, long ts) throws SQLException {
        if (!exactHolds) {
            return;
        }
        Held h = holders.remove(tid);
        if (h != null) {
            sink.accept(h.close(tid, ts, Hold.RELEASED));
        } else if (seen.add(tid)) {
            // the thread's first event on the lock: it took it before the trace began; a later
            // release without a taking has lost its taking (or is a copy) and is left out
            sink.accept(new Hold(holdIds.getAsLong(), tid, null, firstTs, ts, ts, true,
                    Hold.RELEASED, true));
        }
    }

    @Override
    public void letGo(int tid, long ts, String evidence) throws SQLException {
        Held h = holders.get(tid);
        if (h != null && !h.exact()) {
            holders.remove(tid);
            sink.accept(h.close(tid, ts, evidence));
        }
    }

    @Override
    public void finish(long lastTs) throws SQLException {
        for (Map.Entry<Integer, Held> e : holders.entrySet()) {
            Held h = e.getValue();
            sink.accept(h.close(e.getKey(), lastTs, Hold.TRACE_END));
        }
        holders.clear();
    }

    @Override
    public Long holdOf(int tid) {
        Held h = holders.get(tid);
        return h == null ? null : h.id();
    }

    /**
     * The holders other than {@code waiter} the trace shows still holding, as blockers;
     * {@code only}: of this mode, or any. A spinning lock's holder whose end is unseen is not
     * one: the wait may be behind a thread the trace never showed taking the lock.
     */
    protected List<Blocker> holders(int waiter, Mode only) {
        List<Blocker> out = new ArrayList<>();
        holders.forEach((tid, h) -> {
            if (tid != waiter && !h.unseenEnd() && (only == null || h.mode() == only)) {
                out.add(new Blocker(tid, Blocker.Relation.HOLDER));
            }
        });
        return out;
    }

    /** Whether the holder spins (preemption off): its hold ends only where the trace shows. */
    protected boolean spinning() {
        return false;
    }

    /** Whether any thread holds the lock. */
    protected boolean held() {
        return !holders.isEmpty();
    }

    /** The first waiter in the queue, or null. */
    protected Integer head() {
        return queue.isEmpty() ? null : queue.keySet().iterator().next();
    }

    /** The waiter just ahead of {@code waiter}, or nobody (the trace shows no blocker). */
    protected List<Blocker> queuedAheadOrNobody(int waiter) {
        Blocker ahead = queuedAhead(waiter, null);
        return ahead == null ? List.of() : List.of(ahead);
    }

    /** The nearest waiter ahead of {@code waiter} wanting {@code mode} (any when null), or null. */
    protected Blocker queuedAhead(int waiter, Mode mode) {
        Integer ahead = null;
        for (Map.Entry<Integer, Mode> e : queue.entrySet()) {
            if (e.getKey() == waiter) {
                break;
            }
            if (mode == null || e.getValue() == mode) {
                ahead = e.getKey();
            }
        }
        return ahead == null ? null : new Blocker(ahead, Blocker.Relation.QUEUED_AHEAD);
    }

    private void take(int tid, Mode mode, long ts, boolean exact) throws SQLException {
        if (!exact) {
            for (Iterator<Map.Entry<Integer, Held>> it = holders.entrySet().iterator();
                 it.hasNext(); ) {
                Map.Entry<Integer, Held> e = it.next();
                if (e.getKey() == tid || mode != Mode.READ || e.getValue().mode() != Mode.READ) {
                    it.remove();
                    Held h = e.getValue();
                    sink.accept(h.close(e.getKey(), ts, Hold.HANDOFF));
                }
            }
        }
        holders.put(tid, new Held(holdIds.getAsLong(), mode, ts, exact, false,
                !exact && spinning() && queue.isEmpty()));
    }
}
