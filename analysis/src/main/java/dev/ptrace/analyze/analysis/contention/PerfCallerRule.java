package dev.ptrace.analyze.analysis.contention;

import dev.ptrace.analyze.event.Frame;
import java.util.List;

/**
 * How {@code perf lock contention} names the caller of a contended lock and groups waits by
 * call stack ({@code tools/perf/builtin-lock.c}: {@code lock_contention_caller} and
 * {@code callchain_id}). Of the first {@code maxStack} frames it skips {@code stackSkip}
 * (the tracepoint and lock slow path), then lock and scheduler functions; the caller is the
 * first remaining frame with a symbol, {@code Unknown} when none is left. Rows are keyed by
 * the XOR of a hash of each remaining frame's address, exactly as perf keys them.
 */
public record PerfCallerRule(int stackSkip, int maxStack, LockFunctions lockFunctions) {
    public static final int DEFAULT_STACK_SKIP = 3;
    public static final int DEFAULT_MAX_STACK = 8;
    public static final String UNKNOWN = "Unknown";
    private static final long GOLDEN_RATIO_64 = 0x61C8864680B583EBL;
    /** perf formats the caller into a buffer of this size. */
    private static final int NAME_BUFFER = 128;

    /** {@code symbol+0xoffset} of the caller, or {@link #UNKNOWN}. */
    public String caller(List<Frame> frames) {
        int end = Math.min(frames.size(), maxStack);
        for (int i = stackSkip; i < end; i++) {
            Frame f = frames.get(i);
            if (f.symbol() != null && !lockFunctions.contains(f)) {
                String name = f.symbolWithOffset();
                return name.length() < NAME_BUFFER ? name : name.substring(0, NAME_BUFFER - 1);
            }
        }
        return UNKNOWN;
    }

    /** perf's callchain id: equal for waits perf puts in one row. */
    public long key(List<Frame> frames) {
        long hash = 0;
        int end = Math.min(frames.size(), maxStack);
        for (int i = stackSkip; i < end; i++) {
            Frame f = frames.get(i);
            if (f.symbol() != null && lockFunctions.contains(f)) {
                continue;
            }
            hash ^= Long.parseUnsignedLong(f.ip(), 16) * GOLDEN_RATIO_64;
        }
        return hash;
    }
}
