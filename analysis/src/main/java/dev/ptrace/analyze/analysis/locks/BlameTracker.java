package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.analysis.locks.model.Blocker;
import dev.ptrace.analyze.analysis.locks.model.LockModel;
import dev.ptrace.analyze.analysis.threads.ThreadStateTracker;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits each wait's time among the threads it waited for, as the lock model says, and by what
 * each of them was doing: a new piece starts whenever the blockers change, one of them
 * changes state or starts or stops waiting itself, or one of them holds the lock in a new
 * hold (a downgrade).
 */
public final class BlameTracker {
    /** Receives each finished piece. */
    @FunctionalInterface
    public interface Sink {
        void accept(BlameRow p) throws SQLException;
    }

    /** What the replay knows of a thread now. */
    public interface Threads {
        /** Its scheduling state (thread_states.state), null when unknown. */
        String stateOf(int tid);

        /** Its innermost open wait, null when it waits for nothing. */
        Long waitOf(int tid);

        /** What the replay's thread states and waits know. */
        static Threads of(ThreadStateTracker states, WaitTracker waits) {
            return new Threads() {
                @Override
                public String stateOf(int tid) {
                    return states.stateOf(tid);
                }

                @Override
                public Long waitOf(int tid) {
                    return waits.waitOf(tid);
                }
            };
        }
    }

    private record View(Integer blocker, String relation, String state, Long waitId) {
    }

    private static final class Segment {
        final long waitId;
        final int waiter;
        final long lockId;
        final LockModel model;
        List<View> views;
        /** Each view's blocker's hold of the lock when the segment began (null: none). */
        Long[] holds;
        long since;

        Segment(long waitId, int waiter, long lockId, LockModel model) {
            this.waitId = waitId;
            this.waiter = waiter;
            this.lockId = lockId;
            this.model = model;
        }
    }

    private static final String UNKNOWN = "unknown";
    private static final List<View> NO_BLOCKER = List.of(new View(null, UNKNOWN, null, null));

    private final Map<Long, Segment> byWait = new HashMap<>();
    private final Map<Long, Set<Long>> byLock = new HashMap<>();
    private final Map<Integer, Set<Long>> byBlocker = new HashMap<>();
    private final int traceId;
    private final Threads threads;
    private final Sink sink;

    public BlameTracker(int traceId, Threads threads, Sink sink) {
        this.traceId = traceId;
        this.threads = threads;
        this.sink = sink;
    }

    public boolean tracks(long waitId) {
        return byWait.containsKey(waitId);
    }

    public void start(long waitId, int waiter, long lockId, LockModel model, long ts) {
        Segment s = new Segment(waitId, waiter, lockId, model);
        s.since = ts;
        s.views = views(s);
        s.holds = holds(s);
        byWait.put(waitId, s);
        byLock.computeIfAbsent(lockId, l -> new HashSet<>()).add(waitId);
        index(s, true);
    }

    public void end(long waitId, long ts) throws SQLException {
        Segment s = byWait.remove(waitId);
        if (s == null) {
            return;
        }
        emit(s, ts);
        index(s, false);
        byLock.get(s.lockId).remove(waitId);
    }

    /** Something happened to the lock: its waiters may wait for others now. */
    public void refreshLock(long lockId, long ts) throws SQLException {
        refreshAll(byLock.get(lockId), ts);
    }

    /**
     * Something happened to a thread: the waits it blocks see it in another state. Only the
     * thread's state and wait can have changed in their views: every change of a lock's
     * model is followed by {@link #refreshLock}, so their blockers are current already.
     */
    public void refreshThread(int tid, long ts) throws SQLException {
        Set<Long> ids = byBlocker.get(tid);
        if (ids == null || ids.isEmpty()) {
            return;
        }
        String state = stateOf(tid);
        Long wait = threads.waitOf(tid);
        for (Long id : ids) {
            Segment s = byWait.get(id);
            List<View> now = withThread(s.views, tid, state, wait);
            if (now != s.views) {
                emit(s, ts);
                s.views = now;
                s.holds = holds(s);
                s.since = ts;
            }
        }
    }

    /** {@code views} with {@code tid}'s state and wait as given; the same list if unchanged. */
    private static List<View> withThread(List<View> views, int tid, String state, Long wait) {
        List<View> out = views;
        for (int i = 0; i < views.size(); i++) {
            View v = views.get(i);
            if (v.blocker() != null && v.blocker() == tid && (!v.state().equals(state)
                    || !java.util.Objects.equals(v.waitId(), wait))) {
                if (out == views) {
                    out = new ArrayList<>(views);
                }
                out.set(i, new View(v.blocker(), v.relation(), state, wait));
            }
        }
        return out;
    }

    private String stateOf(int tid) {
        String state = threads.stateOf(tid);
        return state == null ? UNKNOWN : state;
    }

    /** Refreshes the waits of {@code ids} (a snapshot: refreshing changes the index). */
    private void refreshAll(Set<Long> ids, long ts) throws SQLException {
        if (ids == null || ids.isEmpty()) {
            return;
        }
        for (Long id : ids.toArray(new Long[0])) {
            refresh(byWait.get(id), ts);
        }
    }

    public void finish(long lastTs) throws SQLException {
        for (Long id : new ArrayList<>(byWait.keySet())) {
            end(id, lastTs);
        }
    }

    private void refresh(Segment s, long ts) throws SQLException {
        List<View> now = views(s);
        if (!now.equals(s.views)) {
            emit(s, ts);
            index(s, false);
            s.views = now;
            s.holds = holds(s);
            s.since = ts;
            index(s, true);
        } else {
            // the same blockers in another hold (a write hold downgraded to read): the piece
            // ends, so that each hold has the waiting it caused (at this instant: the new one)
            Long[] holds = holds(s);
            if (!Arrays.equals(holds, s.holds)) {
                emit(s, ts);
                s.holds = holds;
                s.since = ts;
            }
        }
    }

    private List<View> views(Segment s) {
        List<Blocker> blockers = s.model.blockersOf(s.waiter);
        if (blockers.isEmpty()) {
            return NO_BLOCKER;
        }
        List<View> views = new ArrayList<>(blockers.size());
        for (Blocker b : blockers) {
            views.add(new View(b.tid(), b.relation().label, stateOf(b.tid()),
                    threads.waitOf(b.tid())));
        }
        return views;
    }

    /**
     * What each blocker held of the lock as the segment begins: a piece's hold is the one it
     * began in, and a blocker's hold changing ends the piece ({@link #refresh}).
     */
    private static Long[] holds(Segment s) {
        Long[] out = new Long[s.views.size()];
        for (int i = 0; i < out.length; i++) {
            Integer blocker = s.views.get(i).blocker();
            out[i] = blocker == null ? null : s.model.holdOf(blocker);
        }
        return out;
    }

    private void emit(Segment s, long ts) throws SQLException {
        if (ts <= s.since) {
            return;
        }
        for (int i = 0; i < s.views.size(); i++) {
            View v = s.views.get(i);
            sink.accept(BlameRow.of(traceId, s.waitId, s.waiter, s.lockId, v.blocker(),
                    v.relation(), v.state(), v.waitId(), s.since, ts, s.views.size(),
                    s.holds[i]));
        }
    }

    private void index(Segment s, boolean add) {
        for (View v : s.views) {
            if (v.blocker() == null) {
                continue;
            }
            Set<Long> waits = byBlocker.computeIfAbsent(v.blocker(), t -> new HashSet<>());
            if (add) {
                waits.add(s.waitId);
            } else {
                waits.remove(s.waitId);
            }
        }
    }
}
