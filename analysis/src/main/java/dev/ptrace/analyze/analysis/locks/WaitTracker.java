package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.analysis.contention.LockTypes;
import dev.ptrace.analyze.analysis.locks.model.LockKind;
import dev.ptrace.analyze.analysis.locks.model.Mode;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs each thread's contention_begin and contention_end into waits, fed in time order. Waits
 * of one thread nest (a spinlock wait inside an rwsem wait: the rwsem's wait_lock); an end
 * closes the innermost open wait on its lock. A second begin on a lock already waited for
 * continues that wait (a mutex spins, then sleeps). A begin's syscall is the one the thread is
 * in. Waits the trace cuts are kept and flagged, bounded by the trace's first and last event.
 */
public final class WaitTracker {
    /** Receives each finished wait. */
    @FunctionalInterface
    public interface Sink {
        void accept(WaitRow w) throws SQLException;
    }

    private static final class Open {
        final long id;
        final String comm;
        final LockInfo lock;
        /** The wait's lock type when the flags do not give it (a futex), else null. */
        final String type;
        int flags;
        final long begin;
        final Long stackId;
        final String syscall;
        final Long enclosingId;

        Open(long id, String comm, LockInfo lock, String type, int flags, long begin,
             Long stackId, String syscall, Long enclosingId) {
            this.id = id;
            this.comm = comm;
            this.lock = lock;
            this.type = type;
            this.flags = flags;
            this.begin = begin;
            this.stackId = stackId;
            this.syscall = syscall;
            this.enclosingId = enclosingId;
        }
    }

    private final Map<Integer, Deque<Open>> open = new HashMap<>();
    private final Map<Integer, String> syscall = new HashMap<>();
    /** Threads seen beginning or ending a wait: an end of theirs without a begin is not cut. */
    private final Set<Integer> seen = new HashSet<>();
    private final int traceId;
    private final long firstTs;
    private final Sink sink;
    private long nextId = 1;

    public WaitTracker(int traceId, long firstTs, Sink sink) {
        this.traceId = traceId;
        this.firstTs = firstTs;
        this.sink = sink;
    }

    public void onSyscallEnter(int tid, String name) {
        syscall.put(tid, name);
    }

    public void onSyscallExit(int tid) {
        syscall.remove(tid);
    }

    /** @return the wait begun, or the wait it continues */
    public long onBegin(long ts, int tid, String comm, LockInfo lock, int flags, Long stackId) {
        return begin(ts, tid, comm, lock, null, flags, stackId);
    }

    /** A wait on a futex word: its type is {@code type}, its mode exclusive for a lock. */
    public long onFutexBegin(long ts, int tid, String comm, LockInfo lock, String type,
                             Long stackId) {
        return begin(ts, tid, comm, lock, type, 0, stackId);
    }

    private long begin(long ts, int tid, String comm, LockInfo lock, String type, int flags,
                       Long stackId) {
        seen.add(tid);
        Deque<Open> waits = open.computeIfAbsent(tid, t -> new ArrayDeque<>());
        for (Open o : waits) {
            if (o.lock == lock) {
                o.flags |= flags;
                return o.id;
            }
        }
        Open o = new Open(nextId++, comm, lock, type, flags, ts, stackId, syscall.get(tid),
                waits.isEmpty() ? null : waits.peek().id);
        waits.push(o);
        return o.id;
    }

    /** The innermost wait {@code tid} is in now, null when none. */
    public Long waitOf(int tid) {
        Deque<Open> waits = open.get(tid);
        return waits == null || waits.isEmpty() ? null : waits.peek().id;
    }

    /**
     * @return the wait ended: one the trace cut at its start when none was open and the thread
     *         has no earlier wait in the trace; null when its begin is missing mid-trace (lost
     *         or a copied end), which is left out rather than made up
     */
    public WaitRow onEnd(long ts, int tid, String comm, LockInfo lock, int ret) throws SQLException {
        Deque<Open> waits = open.getOrDefault(tid, new ArrayDeque<>());
        for (Iterator<Open> it = waits.iterator(); it.hasNext(); ) {
            Open o = it.next();
            if (o.lock == lock) {
                it.remove();
                return emit(o.id, tid, o.comm, lock, o.type, o.flags, o.begin, ts, ret == 0,
                        ret, o.stackId, o.syscall, o.enclosingId, false, false);
            }
        }
        if (!seen.add(tid)) {
            return null;
        }
        // a thread never seen before has no wait open to enclose this one
        return emit(nextId++, tid, comm, lock, null, null, firstTs, ts, ret == 0, ret, null,
                syscall.get(tid), null, true, false);
    }

    /** The waits still open, ended at the end of the trace. */
    public List<WaitRow> finishAll(long lastTs) throws SQLException {
        List<WaitRow> cut = new ArrayList<>();
        for (Map.Entry<Integer, Deque<Open>> e : open.entrySet()) {
            for (Open o : e.getValue()) {
                cut.add(emit(o.id, e.getKey(), o.comm, o.lock, o.type, o.flags, o.begin, lastTs,
                        null, null, o.stackId, o.syscall, o.enclosingId, false, true));
            }
        }
        open.clear();
        return cut;
    }

    /**
     * @param type  the lock type the flags do not give, or null
     * @param flags LCB_F_* bits or-ed over its begins; null when the begin is missing
     */
    private WaitRow emit(long id, int tid, String comm, LockInfo lock, String type, Integer flags,
                         long begin, long end, Boolean acquired, Integer ret, Long stackId,
                         String syscall, Long enclosingId, boolean cutStart, boolean cutEnd)
            throws SQLException {
        WaitRow w = new WaitRow(traceId, id, tid, comm, lock.id(),
                type != null ? type : flags == null ? null : LockTypes.name(flags),
                type != null ? futexMode(lock) : flags == null ? null : WaitRow.modeOf(flags), flags, begin, end, end - begin,
                acquired, ret, stackId, syscall, enclosingId, cutStart, cutEnd);
        sink.accept(w);
        return w;
    }

    /** A futex lock is taken exclusively; a futex waited on for an event is not taken. */
    private static String futexMode(LockInfo lock) {
        return lock.kind() == LockKind.FUTEX_LOCK ? Mode.EXCLUSIVE.label : null;
    }
}
