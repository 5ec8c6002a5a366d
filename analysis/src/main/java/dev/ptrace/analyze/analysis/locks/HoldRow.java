package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.store.RowOf;

/** A row of {@code holds}. */
@RowOf("holds")
public record HoldRow(int traceId, long holdId, long lockId, int tid, String mode, long beginTs,
                      long endTs, Long endByTs, long durationNs, boolean exact,
                      String endEvidence, boolean cutStart) {
}
