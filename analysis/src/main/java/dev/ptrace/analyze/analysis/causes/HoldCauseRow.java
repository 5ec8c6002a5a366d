package dev.ptrace.analyze.analysis.causes;

import dev.ptrace.analyze.store.RowOf;

/** A row of {@code hold_causes}: what a hold's holder did for part (or all) of the hold. */
@RowOf("hold_causes")
public record HoldCauseRow(int traceId, long holdId, long lockId, int tid, String cause,
                           String evidence, long ns, long samples) {
}
