package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;

/** A row of {@code mmap_lock}. */
@RowOf("mmap_lock")
public record MmapLockRow(EventColumns event, String phase, String mm, Long memcgId,
                          boolean write, Boolean success) {
}
