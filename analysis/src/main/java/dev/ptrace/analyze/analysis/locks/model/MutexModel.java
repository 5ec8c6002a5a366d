package dev.ptrace.analyze.analysis.locks.model;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * A mutex (also rt_mutex and semaphore): one owner. Waiters are not served in arrival order:
 * an optimistic spinner (a begin with SPIN|MUTEX) can take the lock ahead of sleeping waiters,
 * and only a starved first waiter gets it handed off. So a waiter waits for the owner alone,
 * never for the waiters ahead of it.
 */
public final class MutexModel extends QueuedLockModel {
    public MutexModel(boolean exactHolds, long firstTs, LongSupplier holdIds, HoldSink sink) {
        super(exactHolds, firstTs, holdIds, sink);
    }

    @Override
    public List<Blocker> blockersOf(int waiter) {
        return holders(waiter, null);
    }
}
