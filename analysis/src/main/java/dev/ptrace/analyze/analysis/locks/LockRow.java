package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.store.RowOf;

/** A row of {@code locks}; its totals (waits, wait_ns) are filled in after the replay. */
@RowOf("locks")
public record LockRow(int traceId, long lockId, String lockAddr, String mm, String kind,
                      String name, String nameSource, Integer pid, Long waits, Long waitNs) {
}
