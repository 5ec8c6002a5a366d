package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.testing.RawPerfScript.Event;
import dev.ptrace.analyze.testing.RawPerfScript.Wait;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Who a waiter on a process's mmap_lock waited for, worked out from a perf script text's (or a
 * tracefs trace's) lines (RawPerfScript) by the rwsem's own rule, not by the tool's lock
 * model: a reader waits for the earliest writer still queued ahead of it; otherwise a waiter
 * waits for the threads holding the lock (exact holds: mmap_lock_acquire_returned with success=true to
 * mmap_lock_released), an equal share each; with no holder, for a writer queued ahead. For
 * traces of one process (one mmap_lock).
 */
record RawRwsem(List<long[]> holds, List<Wait> writers) {
    /** The holds ({tid, acquired, released}) and the writers among {@code waits}. */
    static RawRwsem of(List<Event> events, List<Wait> waits) {
        List<long[]> holds = new ArrayList<>();
        Map<Integer, Long> acquired = new HashMap<>();
        for (Event e : events) {
            if (e.name().endsWith("mmap_lock_acquire_returned") && e.payload().contains("success=true")) {
                acquired.putIfAbsent(e.tid(), e.ns()); // a downgrade's second acquire is the same hold
            } else if (e.name().endsWith("mmap_lock_released") && acquired.containsKey(e.tid())) {
                holds.add(new long[] {e.tid(), acquired.remove(e.tid()), e.ns()});
            }
        }
        return new RawRwsem(holds, waits.stream().filter(w -> w.payload().contains("(flags=WRITE)")).toList());
    }

    /**
     * The time of {@code w} within [from, to] it waited for threads that {@code blocker}
     * accepts at an instant ({@code (tid, ns)}): the time is cut where a hold, a writer's wait or
     * one of {@code cuts} begins or ends, and each piece is given by who was ahead at its start.
     */
    double waitedFor(Wait w, long from, long to, Collection<Long> cuts, BiPredicate<Integer, Long> blocker) {
        long a = Math.max(from, w.begin());
        long b = Math.min(to, w.end());
        if (a >= b) {
            return 0;
        }
        TreeSet<Long> at = new TreeSet<>(cuts);
        holds.forEach(h -> at.addAll(List.of(h[1], h[2])));
        writers.forEach(v -> at.addAll(List.of(v.begin(), v.end())));
        at.addAll(List.of(a, b));
        List<Long> pieces = new ArrayList<>(at.subSet(a, true, b, true));
        double ns = 0;
        for (int i = 0; i + 1 < pieces.size(); i++) {
            long x = pieces.get(i);
            long y = pieces.get(i + 1);
            Wait ahead = writers.stream().filter(v -> v.tid() != w.tid() && v.begin() < w.begin()
                    && v.begin() <= x && v.end() >= y).findFirst().orElse(null);
            List<Integer> holders = holds.stream().filter(h -> h[0] != w.tid() && h[1] <= x && h[2] >= y)
                    .map(h -> (int) h[0]).toList();
            if (ahead != null && (w.payload().contains("READ") || holders.isEmpty())) {
                ns += blocker.test(ahead.tid(), x) ? y - x : 0;
            } else if (!holders.isEmpty()) {
                ns += (double) (y - x) * holders.stream().filter(t -> blocker.test(t, x)).count() / holders.size();
            }
        }
        return ns;
    }

    /**
     * When {@code tid} was off CPU: from its switch-out to its next event (perf records no
     * switch into it from a process it does not follow, so its own next line says it ran).
     */
    static List<long[]> offCpu(List<Event> events, int tid) {
        List<long[]> off = new ArrayList<>();
        Long out = null;
        for (Event e : events) {
            boolean switchedIn = e.name().endsWith("sched_switch") && String.valueOf(tid).equals(e.field("next_pid"));
            if (out != null && (e.tid() == tid || switchedIn) && e.ns() > out) {
                off.add(new long[] {out, e.ns()});
                out = null;
            }
            if (e.name().endsWith("sched_switch") && String.valueOf(tid).equals(e.field("prev_pid"))) {
                out = e.ns();
            }
        }
        return off;
    }
}
