package dev.ptrace.analyze.read.perfdata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Puts records in time order as perf does before handing them on (util/ordered-events.c):
 * records are queued; at each FINISHED_ROUND those up to the newest time of the round before
 * are handed on, oldest first, records of one time in the order they came; at the end, all.
 * perf writes a round after emptying every CPU's buffer once, so a round's records are all
 * that can still come before the previous round's newest: memory is bounded by what the
 * buffers held. Queued records are copied end to end into one growing buffer, not one array
 * each (a capture has millions).
 */
final class OrderedRecords {
    /** Where the records go, one at a time: the bytes from {@code start} for {@code size}. */
    interface Target {
        void accept(ByteBuffer b, int start, int size, long offset);
    }

    private final Target target;
    private final ByteOrder order;
    private byte[] arena = new byte[1 << 20];
    private int used;
    /** Per queued record: its time, input offset, place and size in the arena. */
    private long[] times = new long[4096];
    private long[] offsets = new long[4096];
    private int[] places = new int[4096];
    private int[] sizes = new int[4096];
    private int count;
    private long newest = Long.MIN_VALUE;
    private long nextFlush = Long.MIN_VALUE;
    private long lastFlushed = Long.MIN_VALUE;
    private long outOfOrder;

    OrderedRecords(Target target, ByteOrder order) {
        this.target = target;
        this.order = order;
    }

    /** Queues the record at {@code b[start, start + size)}, of time {@code time}. */
    void add(long time, ByteBuffer b, int start, int size, long offset) {
        if (time < lastFlushed) {
            outOfOrder++;
        }
        if (used + size > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, used + size));
        }
        if (count == times.length) {
            int n = count * 2;
            times = Arrays.copyOf(times, n);
            offsets = Arrays.copyOf(offsets, n);
            places = Arrays.copyOf(places, n);
            sizes = Arrays.copyOf(sizes, n);
        }
        dev.ptrace.analyze.read.ByteBuffers.copy(b, start, arena, used, size);
        times[count] = time;
        offsets[count] = offset;
        places[count] = used;
        sizes[count] = size;
        count++;
        used += size;
        newest = Math.max(newest, time);
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
        if (count == 0) {
            return;
        }
        int[] byTime = sortedByTime();
        ByteBuffer view = ByteBuffer.wrap(arena).order(order);
        boolean[] handed = new boolean[count];
        int left = count;
        for (int i : byTime) {
            if (times[i] <= limit) {
                target.accept(view, places[i], sizes[i], offsets[i]);
                lastFlushed = times[i];
                handed[i] = true;
                left--;
            }
        }
        keep(handed, left);
    }

    /** Keeps the records not handed on, in the order they came, at the arena's start. */
    private void keep(boolean[] handed, int left) {
        byte[] rest = left == 0 ? arena : new byte[arena.length];
        int n = 0;
        int bytes = 0;
        for (int i = 0; i < count; i++) {
            if (!handed[i]) {
                System.arraycopy(arena, places[i], rest, bytes, sizes[i]);
                times[n] = times[i];
                offsets[n] = offsets[i];
                places[n] = bytes;
                sizes[n] = sizes[i];
                bytes += sizes[i];
                n++;
            }
        }
        arena = rest;
        used = bytes;
        count = n;
    }

    /** Indexes of the queued records by time, equal times in arrival order (stable). */
    private int[] sortedByTime() {
        int[] idx = new int[count];
        boolean sorted = true;
        for (int i = 0; i < count; i++) {
            idx[i] = i;
            sorted &= i == 0 || times[i - 1] <= times[i];
        }
        if (!sorted) {
            mergeSort(idx, new int[count], 0, count);
        }
        return idx;
    }

    private void mergeSort(int[] a, int[] tmp, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid);
        mergeSort(a, tmp, mid, to);
        if (times[a[mid - 1]] <= times[a[mid]]) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            a[k] = j >= to || (i < mid && times[tmp[i]] <= times[tmp[j]]) ? tmp[i++] : tmp[j++];
        }
    }
}
