package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;

/** A row of {@code bpftrace_histograms}. */
@RowOf("bpftrace_histograms")
public record BpftraceHistogramRow(int traceId, long line, String map, String key, Long stackId,
                                   Long low, Long high, long count) {
}
