package dev.ptrace.analyze.analysis.locks.model;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * A queued rwlock (qrwlock): readers share it, a writer holds it alone, and it is fair in
 * process context: a reader that finds a writer waiting spins in the queue behind it. Unlike
 * an rwsem's waiters, nobody sleeps, so a waiter that waits behind a queued writer waits for
 * it even while the lock is free for an instant: the queue order alone decides.
 */
public final class RwlockModel extends QueuedLockModel {
    public RwlockModel(boolean exactHolds, long firstTs, LongSupplier holdIds, HoldSink sink) {
        super(exactHolds, firstTs, holdIds, sink);
    }

    @Override
    public List<Blocker> blockersOf(int waiter) {
        Mode mode = queue.get(waiter);
        Blocker writerAhead = queuedAhead(waiter, Mode.WRITE);
        if (mode == Mode.READ && writerAhead != null) {
            return List.of(writerAhead);
        }
        List<Blocker> holders = mode == Mode.READ ? holders(waiter, Mode.WRITE)
                : holders(waiter, null);
        return !holders.isEmpty() || mode == Mode.READ ? holders : queuedAheadOrNobody(waiter);
    }

    @Override
    protected boolean spinning() {
        return true;
    }
}
