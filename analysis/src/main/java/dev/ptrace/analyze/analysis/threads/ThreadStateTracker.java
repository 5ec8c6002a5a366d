package dev.ptrace.analyze.analysis.threads;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The state machine of every thread's scheduling state, fed in time order: a switch ends the
 * interval of both threads and starts the next; a wakeup ends a sleep; an event of the thread
 * itself says it is running (perf -p records a switch only in its own threads, so a thread of
 * the process may come back on CPU with no switch-in recorded). For the same reason a thread
 * outside the process can be seen going on CPU and never leaving: its interval ends when
 * another thread is seen on that CPU, and what it did next is unknown (no row). At the end of
 * the trace, only threads seen doing something themselves keep their last interval. Idle
 * (tid 0) is not tracked.
 */
public final class ThreadStateTracker {
    /** Receives each finished interval. */
    @FunctionalInterface
    public interface Sink {
        void accept(ThreadStateRow s) throws SQLException;
    }

    private record Open(String comm, String state, String kernelState, long begin, Integer cpu,
                        Integer prio, boolean beginExact) {
        ThreadStateRow close(int traceId, int tid, long end, boolean endExact) {
            return new ThreadStateRow(traceId, tid, comm, state, kernelState, begin, end,
                    end - begin, cpu, prio, beginExact, endExact);
        }
    }

    private final Map<Integer, Open> open = new HashMap<>();
    private final Map<Integer, Integer> prio = new HashMap<>();
    private final Map<Integer, Integer> onCpu = new HashMap<>();
    private final java.util.Set<Integer> active = new java.util.HashSet<>();
    private final int traceId;
    private final Sink sink;

    public ThreadStateTracker(int traceId, Sink sink) {
        this.traceId = traceId;
        this.sink = sink;
    }

    /** sched_switch on {@code cpu}: {@code prev} leaves in {@code prevState}, next runs. */
    public void onSwitch(long ts, Integer cpu, int prev, String prevComm, Integer prevPrio,
                         String prevState, int next, String nextComm, Integer nextPrio)
            throws SQLException {
        if (prev != 0) {
            active.add(prev);
            finish(prev, ts, true);
            start(prev, new Open(prevComm, ThreadState.ofSwitchedOut(prevState), prevState, ts,
                    cpu, known(prev, prevPrio), true));
        }
        if (next != 0) {
            finish(next, ts, true);
            start(next, new Open(nextComm, ThreadState.RUNNING, null, ts, cpu,
                    known(next, nextPrio), true));
        }
        runsOn(cpu, next, ts);
    }

    /** A wakeup of {@code target} to {@code targetCpu}: a sleep ends, the wait for a CPU begins. */
    public void onWakeup(long ts, int target, String comm, Integer targetPrio, Integer targetCpu)
            throws SQLException {
        Open o = open.get(target);
        if (target == 0 || o != null && !asleep(o.state())) {
            return;
        }
        finish(target, ts, true);
        start(target, new Open(comm, ThreadState.RUNNABLE, null, ts, targetCpu,
                known(target, targetPrio), true));
    }

    /** An event that happened in thread {@code tid} on {@code cpu}: it is running there. */
    public void onOwnEvent(long ts, int tid, String comm, Integer cpu) throws SQLException {
        if (tid == 0) {
            return;
        }
        active.add(tid);
        Open o = open.get(tid);
        if (o == null || !o.state().equals(ThreadState.RUNNING)
                || cpu != null && !cpu.equals(o.cpu())) {
            finish(tid, ts, false);
            start(tid, new Open(comm, ThreadState.RUNNING, null, ts, cpu, prio.get(tid), false));
        }
        runsOn(cpu, tid, ts);
    }

    /** The state {@code tid} is in now (thread_states.state), null when unknown. */
    public String stateOf(int tid) {
        Open o = open.get(tid);
        return o == null ? null : o.state();
    }

    /** Ends every open interval at the end of the trace. */
    public void finishAll(long lastTs) throws SQLException {
        for (Map.Entry<Integer, Open> e : open.entrySet()) {
            if (active.contains(e.getKey()) && e.getValue().begin() < lastTs) {
                sink.accept(e.getValue().close(traceId, e.getKey(), lastTs, false));
            }
        }
        open.clear();
    }

    /** {@code tid} is on {@code cpu}: whoever was running there before has left it. */
    private void runsOn(Integer cpu, int tid, long ts) throws SQLException {
        if (cpu == null) {
            return;
        }
        Integer before = onCpu.put(cpu, tid);
        if (before != null && before != tid) {
            Open o = open.get(before);
            if (o != null && o.state().equals(ThreadState.RUNNING) && cpu.equals(o.cpu())) {
                finish(before, ts, false);
            }
        }
    }

    private Integer known(int tid, Integer p) {
        if (p != null) {
            prio.put(tid, p);
        }
        return prio.get(tid);
    }

    private void finish(int tid, long ts, boolean exact) throws SQLException {
        Open o = open.remove(tid);
        if (o != null && o.begin() < ts) {
            sink.accept(o.close(traceId, tid, ts, exact));
        }
    }

    private void start(int tid, Open o) {
        open.put(tid, o);
    }

    private static boolean asleep(String state) {
        return state.equals(ThreadState.SLEEPING) || state.equals(ThreadState.BLOCKED)
                || state.equals(ThreadState.OTHER);
    }
}
