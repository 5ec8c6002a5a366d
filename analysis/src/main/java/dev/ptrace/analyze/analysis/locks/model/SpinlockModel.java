package dev.ptrace.analyze.analysis.locks.model;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * A queued spinlock (qspinlock, MCS queue): strictly first come, first served, one holder. A
 * waiter waits for the holder; when the trace does not show the holder (it took the lock
 * without waiting), the waiter is still behind the waiter queued just ahead of it, which gets
 * the lock first.
 */
public final class SpinlockModel extends QueuedLockModel {
    public SpinlockModel(boolean exactHolds, long firstTs, LongSupplier holdIds, HoldSink sink) {
        super(exactHolds, firstTs, holdIds, sink);
    }

    @Override
    public List<Blocker> blockersOf(int waiter) {
        List<Blocker> holders = holders(waiter, null);
        return holders.isEmpty() ? queuedAheadOrNobody(waiter) : holders;
    }

    @Override
    protected boolean spinning() {
        return true;
    }
}
