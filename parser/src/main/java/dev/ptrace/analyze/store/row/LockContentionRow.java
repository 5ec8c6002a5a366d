package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;

/** A row of {@code lock_contention}. */
@RowOf("lock_contention")
public record LockContentionRow(EventColumns event, String phase, String lockAddr, Integer flags,
                                String flagNames, Integer ret) {
}
