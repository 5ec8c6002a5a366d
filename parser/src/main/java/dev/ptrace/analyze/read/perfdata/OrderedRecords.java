package dev.ptrace.analyze.read.perfdata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Puts records in time order as perf does before handing them on (util/ordered-events.c):
 * records are queued; at each FINISHED_ROUND those up to the newest time of the round before
 * are handed on, oldest first, records of one time in the order they came; at the end, all.
 * perf writes a round after emptying every CPU's buffer once, so a round's records are all
 * that can still come before the previous round's newest: memory is bounded by what the
 * buffers held.
 */
final class OrderedRecords {
    /** A queued record: its time, its bytes and where it was in the input. */
    record Queued(long time, byte[] bytes, long offset) {
    }

    private static final Comparator<Queued> BY_TIME = Comparator.comparingLong(Queued::time);
    private final Consumer<Queued> target;
    private List<Queued> queue = new ArrayList<>();
    private long newest = Long.MIN_VALUE;
    private long nextFlush = Long.MIN_VALUE;
    private long lastFlushed = Long.MIN_VALUE;
    private long outOfOrder;

    OrderedRecords(Consumer<Queued> target) {
        this.target = target;
    }

    void add(Queued q) {
        if (q.time() < lastFlushed) {
            outOfOrder++;
        }
        queue.add(q);
        newest = Math.max(newest, q.time());
    }

    /** A FINISHED_ROUND record. */
    void round() {
        flush(nextFlush);
        nextFlush = newest;
    }

    /** The end of the input: everything left. */
    void finish() {
        flush(Long.MAX_VALUE);
    }

    /** Records that came after a later one was handed on (perf: "out of order event"). */
    long outOfOrder() {
        return outOfOrder;
    }

    private void flush(long limit) {
        if (queue.isEmpty()) {
            return;
        }
        queue.sort(BY_TIME); // stable: records of one time keep their order
        List<Queued> rest = new ArrayList<>();
        for (Queued q : queue) {
            if (q.time() <= limit) {
                target.accept(q);
                lastFlushed = q.time();
            } else {
                rest.add(q);
            }
        }
        queue = rest;
    }
}
