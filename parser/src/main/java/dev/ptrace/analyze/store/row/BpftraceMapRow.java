package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;

/** A row of {@code bpftrace_maps}. */
@RowOf("bpftrace_maps")
public record BpftraceMapRow(int traceId, long line, String map, String key, Long stackId,
                             Long value, String text, Long count, Long average, Long total) {
}
