package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.analysis.locks.model.FutexModel;
import dev.ptrace.analyze.analysis.locks.model.Hold;
import dev.ptrace.analyze.analysis.locks.model.LockModel;
import dev.ptrace.analyze.analysis.locks.model.Mode;
import dev.ptrace.analyze.analysis.replay.ReplayEvent;
import dev.ptrace.analyze.analysis.threads.ThreadStateTracker;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One pass over a trace's events in time order, dispatching each to the machines it concerns:
 * the thread states, the waits, each lock's model and the blame. After an event, the waits on
 * its lock and the waits blocked by its threads are looked at again. A futex call the trace's
 * futex calls list ({@link FutexCalls}) is a wait on a user-space lock from its enter to its
 * exit, or the waking of such waits.
 */
final class Replay {
    /** Receives each finished hold of a lock. */
    @FunctionalInterface
    interface HoldSink {
        void accept(LockInfo lock, Hold h) throws SQLException;
    }


    private final LockRegistry locks;
    private final ThreadStateTracker states;
    private final WaitTracker waits;
    private final BlameTracker blame;
    private final long firstTs;
    private final HoldSink holds;
    private final Map<Long, LockModel> models = new HashMap<>();
    private long lastHoldId;
    /** Locks each thread holds by inference (their model ends those holds on evidence). */
    private final Map<Integer, Map<Long, LockInfo>> inferred = new HashMap<>();
    private final FutexCalls.Cursor futexCalls;
    /** The futex wait each thread is in, by thread. */
    private final Map<Integer, FutexWait> futexWaits = new HashMap<>();

    private record FutexWait(LockInfo lock, FutexCalls.Call call) {
    }

    Replay(LockRegistry locks, ThreadStateTracker states, WaitTracker waits, BlameTracker blame,
           long firstTs, HoldSink holds, FutexCalls.Cursor futexCalls) {
        this.futexCalls = futexCalls;
        this.locks = locks;
        this.states = states;
        this.waits = waits;
        this.blame = blame;
        this.firstTs = firstTs;
        this.holds = holds;
    }

    void accept(ReplayEvent e) throws SQLException {
        long ts = e.ts();
        if (e.kind() == ReplayEvent.Kind.SWITCH) {
            states.onSwitch(ts, e.cpu(), e.tid(), e.comm(), e.prio(), e.text(), e.other(),
                    e.otherComm(), e.otherPrio());
            letGo(e.tid(), ts, Hold.SWITCHED_OUT);
            blame.refreshThread(e.tid(), ts);
            blame.refreshThread(e.other(), ts);
            return;
        }
        states.onOwnEvent(ts, e.tid(), e.comm(), e.cpu());
        if (e.kind() != ReplayEvent.Kind.CONTENTION_BEGIN && e.kind() != ReplayEvent.Kind.WAKEUP) {
            letGo(e.tid(), ts, Hold.NEXT_EVENT);
        }
        switch (e.kind()) {
            case WAKEUP -> {
                states.onWakeup(ts, e.other(), e.otherComm(), e.otherPrio(),
                        e.num() == null ? null : e.num().intValue());
                blame.refreshThread(e.other(), ts);
                futexWoken(e.other(), e.tid(), ts);
            }
            case CONTENTION_BEGIN -> contentionBegin(e);
            case CONTENTION_END -> contentionEnd(e);
            case MMAP_ACQUIRED -> {
                LockInfo lock = locks.byMm(e.addr());
                if (lock != null && Boolean.TRUE.equals(e.success())) {
                    model(lock).acquired(e.tid(), Boolean.TRUE.equals(e.write()) ? Mode.WRITE
                            : Mode.READ, ts);
                    blame.refreshLock(lock.id(), ts);
                }
            }
            case MMAP_RELEASED -> {
                LockInfo lock = locks.byMm(e.addr());
                if (lock != null) {
                    model(lock).released(e.tid(), ts);
                    blame.refreshLock(lock.id(), ts);
                }
            }
            case SYSCALL_ENTER -> {
                waits.onSyscallEnter(e.tid(), e.text());
                if (FUTEX.equals(e.text())) {
                    futexEnter(e);
                }
            }
            case SYSCALL_EXIT -> {
                futexExit(e);
                waits.onSyscallExit(e.tid());
                letGo(e.tid(), ts, Hold.SYSCALL_EXIT);
            }
            default -> {
            }
        }
        blame.refreshThread(e.tid(), ts);
    }

    void finish(long lastTs) throws SQLException {
        blame.finish(lastTs);
        states.finishAll(lastTs);
        waits.finishAll(lastTs);
        for (LockInfo lock : locks.all()) {
            LockModel m = models.get(lock.id());
            if (m != null) {
                m.finish(lastTs);
            }
        }
    }

    private void contentionBegin(ReplayEvent e) throws SQLException {
        LockInfo lock = locks.byAddr(e.addr());
        int flags = e.num().intValue();
        long waitId = waits.onBegin(e.ts(), e.tid(), e.comm(), lock, flags, e.stackId());
        if (!blame.tracks(waitId)) {
            LockModel model = model(lock);
            model.waitBegins(e.tid(), Mode.ofLabel(WaitRow.modeOf(flags)), e.ts());
            blame.start(waitId, e.tid(), lock.id(), model, e.ts());
            blame.refreshLock(lock.id(), e.ts());
        }
    }

    private void contentionEnd(ReplayEvent e) throws SQLException {
        LockInfo lock = locks.byAddr(e.addr());
        if (lock == null) {
            return;
        }
        int ret = e.num() == null ? 0 : e.num().intValue();
        WaitRow w = waits.onEnd(e.ts(), e.tid(), e.comm(), lock, ret);
        if (w != null) {
            blame.end(w.waitId(), e.ts());
        }
        model(lock).waitEnds(e.tid(), e.ts(), ret == 0);
        if (ret == 0 && lock.mm() == null) {
            inferred.computeIfAbsent(e.tid(), t -> new HashMap<>()).put(lock.id(), lock);
        }
        blame.refreshLock(lock.id(), e.ts());
    }

    private static final String FUTEX = "futex";

    private void futexEnter(ReplayEvent e) throws SQLException {
        FutexCalls.Call call = futexCalls == null ? null : futexCalls.at(e.tid(), e.ts());
        LockInfo lock = call == null ? null : locks.byFutex(call.word());
        if (lock == null) {
            return;
        }
        FutexModel model = (FutexModel) model(lock);
        if (call.role().waits()) {
            long waitId = waits.onFutexBegin(e.ts(), e.tid(), e.comm(), lock, FUTEX,
                    call.stackId());
            model.waitBegins(e.tid(), e.ts(), call.waker());
            futexWaits.put(e.tid(), new FutexWait(lock, call));
            blame.start(waitId, e.tid(), lock.id(), model, e.ts());
        } else {
            model.released(e.tid(), e.ts());
            // a capture without sched_waking: the wake call is when its waiters were woken
            for (Map.Entry<Integer, FutexWait> w : futexWaits.entrySet()) {
                FutexCalls.Call c = w.getValue().call();
                if (w.getValue().lock() == lock && Integer.valueOf(e.tid()).equals(c.waker())
                        && Long.valueOf(e.ts()).equals(c.wakeTs())) {
                    model.woken(w.getKey());
                }
            }
        }
        blame.refreshLock(lock.id(), e.ts());
    }

    /** A sched_waking: the futex wait of {@code target}, if {@code waker} ends it, is over. */
    private void futexWoken(int target, int waker, long ts) throws SQLException {
        FutexWait w = futexWaits.get(target);
        if (w != null && Integer.valueOf(waker).equals(w.call().waker())
                && Long.valueOf(ts).equals(w.call().wakeTs())) {
            ((FutexModel) model(w.lock())).woken(target);
            blame.refreshLock(w.lock().id(), ts);
        }
    }

    private void futexExit(ReplayEvent e) throws SQLException {
        FutexWait w = futexWaits.remove(e.tid());
        if (w == null) {
            return;
        }
        int ret = w.call().ret() == null ? 0 : w.call().ret().intValue();
        WaitRow row = waits.onEnd(e.ts(), e.tid(), e.comm(), w.lock(), ret);
        if (row != null) {
            blame.end(row.waitId(), e.ts());
        }
        model(w.lock()).waitEnds(e.tid(), e.ts(), ret == 0);
        blame.refreshLock(w.lock().id(), e.ts());
    }

    /**
     * Ends what {@code tid} holds by inference: everything at a return to user space; the
     * spinning locks (spinlock, rwlock: preemption is off while one is held, and their
     * sections are short) at a switch, or at the holder's next event other than a nested
     * wait or a wakeup (both happen with a spinlock held).
     */
    private void letGo(int tid, long ts, String evidence) throws SQLException {
        Map<Long, LockInfo> held = inferred.get(tid);
        if (held == null) {
            return;
        }
        for (var it = held.values().iterator(); it.hasNext(); ) {
            LockInfo lock = it.next();
            if (evidence.equals(Hold.SYSCALL_EXIT) || lock.kind().spinning()) {
                it.remove();
                model(lock).letGo(tid, ts, evidence);
                blame.refreshLock(lock.id(), ts);
            }
        }
    }

    private LockModel model(LockInfo lock) {
        return models.computeIfAbsent(lock.id(), id -> lock.kind().newModel(
                lock.mm() != null, firstTs, () -> ++lastHoldId, h -> holds.accept(lock, h)));
    }
}
