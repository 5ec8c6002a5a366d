package dev.ptrace.analyze.analysis.threads;

import dev.ptrace.analyze.store.RowOf;

/** A row of {@code thread_states}: one interval of a thread's life. */
@RowOf("thread_states")
public record ThreadStateRow(int traceId, int tid, String comm, String state, String kernelState,
                             long beginTs, long endTs, long durationNs, Integer cpu,
                             Integer prio, boolean beginExact, boolean endExact) {
}
