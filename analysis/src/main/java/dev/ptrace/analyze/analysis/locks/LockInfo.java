package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.analysis.locks.model.LockKind;

/**
 * One lock of a trace (a row of the locks table).
 *
 * @param addr as lock_contention prints it; null for an mmap_lock seen only by its mm
 * @param mm   the mm whose mmap_lock this is; null for other locks
 * @param kind rwsem, spinlock, ... (lock-types.tsv, or lock-names.tsv's override)
 */
public record LockInfo(long id, String addr, String mm, LockKind kind, String name,
                       String nameSource, Integer pid) {
    public static final String MMAP_LOCK = "mmap_lock";
}
