package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.testing.RawPerfScript;
import dev.ptrace.analyze.testing.RawPerfScript.Event;
import dev.ptrace.analyze.testing.RawPerfScript.Wait;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Priority inversions worked out from a perf script or tracefs text's lines (RawPerfScript;
 * tracefs prints event names without their system), not by the tool, as docs/commands.md defines them: while a thread holds a lock (its exact hold, from
 * mmap_lock_acquire_returned to mmap_lock_released), the threads that begin waiting for the
 * lock lose the time the holder spends switched out runnable (preempted) before its hold ends.
 * The inversion spans its waits, first begin to last end.
 */
record RawInversions(List<Inversion> inversions) {
    /** A waiter: what it waited until the hold ended, and what of that the root was preempted. */
    record Waiter(int tid, long waitedNs, long lostNs) {
    }

    /**
     * One hold with waiters: its span, the root's preempted and running time in it, and who ran
     * on the root's CPU while it was preempted (thread id to ns).
     */
    record Inversion(long from, long to, long preemptedNs, long runningNs, List<Waiter> waiters,
                     Map<Integer, Long> ranMeanwhile) {
        long lostNs() {
            return waiters.stream().mapToLong(Waiter::lostNs).sum();
        }
    }

    /** {@code root}'s inversions on {@code lock}, the most time lost first. */
    static RawInversions of(List<Event> events, int root, String lock) {
        List<long[]> preempted = preempted(events, root);
        List<Wait> waits = RawPerfScript.waits(events, lock).stream()
                .filter(w -> w.tid() != root).toList();
        List<Inversion> out = new ArrayList<>();
        for (long[] hold : holds(events, root)) {
            List<Wait> in = waits.stream()
                    .filter(w -> w.begin() >= hold[0] && w.begin() < hold[1]).toList();
            if (in.isEmpty()) {
                continue;
            }
            List<Waiter> waiters = in.stream().map(w -> {
                long until = Math.min(w.end(), hold[1]);
                return new Waiter(w.tid(), until - w.begin(), overlap(preempted, w.begin(), until));
            }).filter(w -> w.lostNs() > 0)
                    .sorted(Comparator.comparingLong(Waiter::lostNs).reversed()).toList();
            long from = in.stream().mapToLong(Wait::begin).min().orElseThrow();
            long to = in.stream().mapToLong(Wait::end).max().orElseThrow();
            // the root's CPU: where it last ran before the span (it stays there in these traces)
            int cpu = events.stream().filter(e -> e.tid() == root && e.ns() <= from)
                    .reduce((a, b) -> b).orElseThrow().cpu();
            Map<Integer, List<long[]>> onCpu = onCpu(events, cpu);
            Map<Integer, Long> ran = new TreeMap<>();
            for (long[] p : preempted) {
                long a = Math.max(p[0], from);
                long b = Math.min(p[1], to);
                onCpu.forEach((tid, runs) -> {
                    long ns = tid == root || a >= b ? 0 : overlap(runs, a, b);
                    if (ns > 0) {
                        ran.merge(tid, ns, Long::sum);
                    }
                });
            }
            if (!waiters.isEmpty()) {
                out.add(new Inversion(from, to, overlap(preempted, from, to),
                        overlap(onCpu.get(root), from, to), waiters, ran));
            }
        }
        out.sort(Comparator.comparingLong(Inversion::lostNs).reversed());
        return new RawInversions(out);
    }

    /** The thread's mmap_lock holds, [acquire_returned, released]. */
    static List<long[]> holds(List<Event> events, int tid) {
        List<long[]> holds = new ArrayList<>();
        Long from = null;
        for (Event e : events) {
            if (e.tid() != tid) {
                continue;
            }
            if (e.name().endsWith("mmap_lock_acquire_returned") && from == null) {
                from = e.ns();
            } else if (e.name().endsWith("mmap_lock_released") && from != null) {
                holds.add(new long[] {from, e.ns()});
                from = null;
            }
        }
        return holds;
    }

    /** When the thread was switched out runnable (prev_state R or R+) until switched in again. */
    private static List<long[]> preempted(List<Event> events, int tid) {
        List<long[]> out = new ArrayList<>();
        Long since = null;
        for (Event e : events) {
            if (!e.name().endsWith("sched_switch")) {
                continue;
            }
            if (since == null && tid(e, "prev_pid") == tid && e.field("prev_state").startsWith("R")) {
                since = e.ns();
            } else if (since != null && tid(e, "next_pid") == tid) {
                out.add(new long[] {since, e.ns()});
                since = null;
            }
        }
        return out;
    }

    /**
     * Who ran on the CPU when, per thread: from a switch to it, or from an event of it on that
     * CPU (where perf did not record the switch: a thread perf does not follow switched out), to
     * the next.
     */
    private static Map<Integer, List<long[]>> onCpu(List<Event> events, int cpu) {
        Map<Integer, List<long[]>> runs = new HashMap<>();
        long[] current = {-1, 0};
        for (Event e : events) {
            if (e.cpu() == cpu) {
                runOn(runs, current, e.tid(), e.ns());
                if (e.name().endsWith("sched_switch")) {
                    runOn(runs, current, tid(e, "next_pid"), e.ns());
                }
            }
        }
        return runs;
    }

    /** {@code current} (thread, since) ends its run at {@code ns} when another thread runs. */
    private static void runOn(Map<Integer, List<long[]>> runs, long[] current, int tid, long ns) {
        if (tid == current[0]) {
            return;
        }
        if (current[0] >= 0) {
            runs.computeIfAbsent((int) current[0], k -> new ArrayList<>()).add(new long[] {current[1], ns});
        }
        current[0] = tid;
        current[1] = ns;
    }

    private static int tid(Event e, String field) {
        return Integer.parseInt(e.field(field));
    }

    /** The time of the intervals within [from, to]. */
    static long overlap(List<long[]> intervals, long from, long to) {
        long ns = 0;
        for (long[] i : intervals) {
            ns += Math.max(0, Math.min(i[1], to) - Math.max(i[0], from));
        }
        return ns;
    }
}
