package dev.ptrace.analyze.analysis.locks.model;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * A reader-writer semaphore (rwsem; mmap_lock is one): readers share it, a writer holds it
 * alone. A writer waits for every holder. A reader waits for a writer that holds it, and
 * otherwise for the writer queued ahead of it: once a writer waits, readers arriving after it
 * queue behind it even though only readers hold the lock, so the writer gets its turn (and the
 * writer, in turn, waits for those readers). That is the convoy a preempted reader builds.
 * When the trace shows that nobody holds it, the lock is being handed to the first waiter
 * (rwsem_wake grants it to woken readers before they run): the first waiter waits for its own
 * wakeup, the others for the first waiter. A reader with only readers holding and no writer
 * ahead has been granted it the same way (after mmap_write_downgrade too).
 */
public final class RwsemModel extends QueuedLockModel {
    public RwsemModel(boolean exactHolds, long firstTs, LongSupplier holdIds, HoldSink sink) {
        super(exactHolds, firstTs, holdIds, sink);
    }

    @Override
    public List<Blocker> blockersOf(int waiter) {
        if (exactHolds && !held()) {
            Integer head = head();
            return head == null ? List.of() : List.of(head == waiter
                    ? new Blocker(waiter, Blocker.Relation.HANDOFF)
                    : new Blocker(head, Blocker.Relation.QUEUED_AHEAD));
        }
        Mode mode = queue.get(waiter);
        if (mode != Mode.READ) {
            return holders(waiter, null);
        }
        List<Blocker> writers = holders(waiter, Mode.WRITE);
        if (!writers.isEmpty()) {
            return writers;
        }
        Blocker writerAhead = queuedAhead(waiter, Mode.WRITE);
        if (writerAhead != null) {
            return List.of(writerAhead);
        }
        // only readers hold it and no writer is ahead: the rwsem has granted this reader the
        // lock (rwsem_downgrade_wake, or rwsem_wake after a writer) and it waits for its own
        // wakeup; without exact holds, a writer may hold it unseen: its holders are all we know
        return exactHolds ? List.of(new Blocker(waiter, Blocker.Relation.HANDOFF))
                : holders(waiter, null);
    }
}
