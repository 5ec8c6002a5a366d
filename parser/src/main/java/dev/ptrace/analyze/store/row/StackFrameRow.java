package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;

/** A row of {@code stack_frames}: one frame of a call stack, from the innermost (depth 0). */
@RowOf("stack_frames")
public record StackFrameRow(int traceId, long stackId, int depth, String ip, String symbol,
                            long symbolOffset, String module) {
}
