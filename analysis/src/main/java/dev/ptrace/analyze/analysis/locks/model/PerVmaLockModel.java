package dev.ptrace.analyze.analysis.locks.model;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * A per-VMA lock (vma_start_write against lock_vma_under_rcu): page faults take it for read
 * with a trylock and fall back to mmap_lock when it fails, so readers never wait; a writer
 * (already holding mmap_lock for write) waits until the readers inside the VMA leave. A writer
 * waits for the readers holding it; a reader only for a writer holding it, never for one
 * queued.
 */
public final class PerVmaLockModel extends QueuedLockModel {
    public PerVmaLockModel(boolean exactHolds, long firstTs, LongSupplier holdIds, HoldSink sink) {
        super(exactHolds, firstTs, holdIds, sink);
    }

    @Override
    public List<Blocker> blockersOf(int waiter) {
        return holders(waiter, queue.get(waiter) == Mode.READ ? Mode.WRITE : null);
    }
}
