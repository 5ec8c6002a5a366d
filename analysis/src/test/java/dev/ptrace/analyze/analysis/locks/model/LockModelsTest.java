package dev.ptrace.analyze.analysis.locks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.analysis.locks.model.Blocker.Relation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Each lock model's rule, shown on a short sequence of events. */
class LockModelsTest {
    private final List<Hold> holds = new ArrayList<>();
    private final AtomicLong lastId = new AtomicLong();
    private final LongSupplier ids = lastId::incrementAndGet;

    private static Blocker holder(int tid) {
        return new Blocker(tid, Relation.HOLDER);
    }

    private static Blocker ahead(int tid) {
        return new Blocker(tid, Relation.QUEUED_AHEAD);
    }

    @Test
    void rwsemReaderArrivingAfterAQueuedWriterWaitsForTheWriterThoughOnlyReadersHoldIt()
            throws SQLException {
        RwsemModel m = new RwsemModel(true, 0, ids, holds::add);
        m.acquired(1, Mode.READ, 10);            // the nice-19 reader
        m.waitBegins(2, Mode.WRITE, 20);         // the writer queues behind it
        m.waitBegins(3, Mode.READ, 30);          // a reader that could share with 1, but may not
        assertEquals(List.of(holder(1)), m.blockersOf(2));
        assertEquals(List.of(ahead(2)), m.blockersOf(3));
    }

    @Test
    void rwsemReaderWithNoWriterQueuedAheadWaitsForTheWritingHolder() throws SQLException {
        RwsemModel m = new RwsemModel(true, 0, ids, holds::add);
        m.acquired(1, Mode.WRITE, 10);
        m.waitBegins(3, Mode.READ, 30);
        m.waitBegins(2, Mode.WRITE, 40);
        assertEquals(List.of(holder(1)), m.blockersOf(3));
        assertEquals(List.of(holder(1)), m.blockersOf(2));
    }

    /*
     * A reader waiting while only a reader holds the rwsem and no writer is ahead: with exact
     * holds (mmap_lock's events) nothing the trace shows keeps it out, so the rwsem has granted
     * it the lock and it waits for its own wakeup.
     */
    @Test
    void rwsemReaderBehindOnlyReadersWaitsForItsOwnWakeup() throws SQLException {
        RwsemModel m = new RwsemModel(true, 0, ids, holds::add);
        m.acquired(1, Mode.READ, 10);
        m.waitBegins(2, Mode.READ, 20);
        assertEquals(List.of(new Blocker(2, Relation.HANDOFF)), m.blockersOf(2));
    }

    @Test
    void rwsemFreedLockIsHandedToTheFirstWaiterAndTheOthersWaitForIt() throws SQLException {
        RwsemModel m = new RwsemModel(true, 0, ids, holds::add);
        m.acquired(1, Mode.WRITE, 10);
        m.waitBegins(2, Mode.READ, 20);
        m.waitBegins(3, Mode.WRITE, 30);
        m.released(1, 50);
        assertEquals(List.of(new Blocker(2, Relation.HANDOFF)), m.blockersOf(2));
        assertEquals(List.of(ahead(2)), m.blockersOf(3));
        assertEquals(List.of(new Hold(1, 1, Mode.WRITE, 10, 50, 50, true, Hold.RELEASED, false)), holds);
    }

    @Test
    void rwsemWriteDowngradedToReadEndsTheWriteHold() throws SQLException {
        RwsemModel m = new RwsemModel(true, 0, ids, holds::add);
        m.acquired(1, Mode.WRITE, 10);
        m.acquired(1, Mode.READ, 20);
        m.released(1, 30);
        assertEquals(List.of(new Hold(1, 1, Mode.WRITE, 10, 20, 20, true, Hold.DOWNGRADED, false),
                new Hold(2, 1, Mode.READ, 20, 30, 30, true, Hold.RELEASED, false)), holds);
    }

    @Test
    void releaseWithoutAcquireIsAHoldCutByTheStartOfTheTrace() throws SQLException {
        RwsemModel m = new RwsemModel(true, 5, ids, holds::add);
        m.released(1, 30);
        assertEquals(List.of(new Hold(1, 1, null, 5, 30, 30, true, Hold.RELEASED, true)), holds);
    }

    @Test
    void spinlockHoldIsInferredFromTheWaitThatGotItAndEndsAtTheNextHandoff() throws SQLException {
        SpinlockModel m = new SpinlockModel(false, 0, ids, holds::add);
        m.waitBegins(1, Mode.EXCLUSIVE, 10);
        m.waitBegins(2, Mode.EXCLUSIVE, 11);
        assertEquals(List.of(), m.blockersOf(1));   // took by someone the trace does not show
        assertEquals(List.of(ahead(1)), m.blockersOf(2));   // FIFO: 1 goes first
        m.waitEnds(1, 20, true);
        assertEquals(List.of(holder(1)), m.blockersOf(2));
        assertEquals(1L, m.holdOf(1));
        m.waitEnds(2, 25, true);
        assertEquals(List.of(new Hold(1, 1, Mode.EXCLUSIVE, 20, 25, 25, false, Hold.HANDOFF, false)),
                holds);
        assertEquals(2L, m.holdOf(2));   // ids in the order holds begin
        assertEquals(null, m.holdOf(1));
    }

    /**
     * Taken with nobody waiting, without release events: the trace does not show when it was
     * let go (end = its begin), only that it was by the holder's return to user space.
     */
    @Test
    void spinlockTakenWithNobodyWaitingIsLetGoByTheReturnToUserSpaceAtTheLatest()
            throws SQLException {
        SpinlockModel m = new SpinlockModel(false, 0, ids, holds::add);
        m.waitBegins(1, Mode.EXCLUSIVE, 10);
        m.waitEnds(1, 20, true);
        assertEquals(List.of(), m.blockersOf(2), "not shown still holding it");
        m.letGo(1, 24, Hold.SYSCALL_EXIT);
        assertEquals(List.of(new Hold(1, 1, Mode.EXCLUSIVE, 20, 20, 24, false, Hold.SYSCALL_EXIT,
                false)), holds);
    }

    /** Taken while another waits: it is let go when that waiter takes it (a FIFO handoff). */
    @Test
    void spinlockTakenWhileAnotherWaitsIsHeldUntilTheNextWaiterTakesIt() throws SQLException {
        SpinlockModel m = new SpinlockModel(false, 0, ids, holds::add);
        m.waitBegins(1, Mode.EXCLUSIVE, 10);
        m.waitBegins(2, Mode.EXCLUSIVE, 11);
        m.waitEnds(1, 20, true);
        assertEquals(List.of(holder(1)), m.blockersOf(2));
        m.waitEnds(2, 30, true);
        assertEquals(new Hold(1, 1, Mode.EXCLUSIVE, 20, 30, 30, false, Hold.HANDOFF, false),
                holds.get(0));
    }

    @Test
    void mutexWaiterWaitsForTheOwnerOnlyBecauseSpinnersMayOvertakeTheQueue() {
        MutexModel m = new MutexModel(false, 0, ids, holds::add);
        m.waitBegins(1, Mode.EXCLUSIVE, 10);
        m.waitBegins(2, Mode.EXCLUSIVE, 11);
        assertEquals(List.of(), m.blockersOf(2));
    }

    /* The owner the trace shows (it took the lock while 2 waited) is what 2 waits for. */
    @Test
    void mutexWaiterWaitsForTheOwnerTheTraceShows() throws SQLException {
        MutexModel m = new MutexModel(false, 0, ids, holds::add);
        m.waitBegins(1, Mode.EXCLUSIVE, 10);
        m.waitBegins(2, Mode.EXCLUSIVE, 11);
        m.waitEnds(1, 20, true);
        assertEquals(List.of(holder(1)), m.blockersOf(2));
    }

    @Test
    void givenUpMutexWaitHoldsNothing() throws SQLException {
        MutexModel m = new MutexModel(false, 0, ids, holds::add);
        m.waitBegins(1, Mode.EXCLUSIVE, 10);
        m.waitEnds(1, 20, false);
        m.waitBegins(2, Mode.EXCLUSIVE, 21);
        assertEquals(List.of(), m.blockersOf(2));
        m.finish(30);
        assertEquals(List.of(), holds);
    }

    @Test
    void rwlockReaderQueuesBehindAWaitingWriterEvenWhileReadersHoldIt() throws SQLException {
        RwlockModel m = new RwlockModel(false, 0, ids, holds::add);
        m.waitBegins(1, Mode.READ, 10);
        m.waitEnds(1, 12, true);                 // reader 1 holds
        m.waitBegins(2, Mode.WRITE, 20);
        m.waitBegins(3, Mode.READ, 21);
        // reader 1 took it with nobody waiting: the trace cannot show it still holds it
        assertEquals(List.of(), m.blockersOf(2));
        assertEquals(List.of(ahead(2)), m.blockersOf(3));
    }

    @Test
    void rwlockReadersShareAndAWriterTakingItEndsTheirHolds() throws SQLException {
        RwlockModel m = new RwlockModel(false, 0, ids, holds::add);
        m.waitBegins(1, Mode.READ, 10);
        m.waitBegins(2, Mode.READ, 10);
        m.waitBegins(3, Mode.WRITE, 11);
        m.waitEnds(1, 12, true);
        m.waitEnds(2, 13, true);
        assertEquals(List.of(holder(1), holder(2)), m.blockersOf(3));
        m.waitEnds(3, 20, true);
        assertEquals(List.of(1, 2), holds.stream().map(Hold::tid).toList());
        assertEquals(List.of(Hold.HANDOFF, Hold.HANDOFF),
                holds.stream().map(Hold::endEvidence).toList());
    }

    /*
     * Readers that the trace shows waiting with no writer anywhere wait for nobody it shows:
     * no writer holds the lock or queues ahead of them.
     */
    @Test
    void rwlockReaderWithNoWriterAnywhereWaitsForNobodyTheTraceShows() {
        RwlockModel m = new RwlockModel(false, 0, ids, holds::add);
        m.waitBegins(1, Mode.READ, 10);
        m.waitBegins(2, Mode.READ, 11);
        assertEquals(List.of(), m.blockersOf(2));
    }

    /*
     * A writer behind a queued writer waits for the reader holding the lock (a writer needs
     * every holder gone), not for the writer ahead: only readers queue behind a writer.
     */
    @Test
    void rwlockWriterBehindAQueuedWriterWaitsForTheHoldingReader() throws SQLException {
        RwlockModel m = new RwlockModel(false, 0, ids, holds::add);
        m.waitBegins(1, Mode.READ, 10);
        m.waitBegins(3, Mode.WRITE, 11);
        m.waitEnds(1, 12, true);                 // reader 1 holds, writer 3 waits
        m.waitBegins(4, Mode.WRITE, 13);
        assertEquals(List.of(holder(1)), m.blockersOf(4));
    }

    @Test
    void perVmaWriterWaitsForTheReadersInsideAndNoReaderQueuesBehindIt() throws SQLException {
        PerVmaLockModel m = new PerVmaLockModel(false, 0, ids, holds::add);
        m.waitBegins(1, Mode.READ, 10);
        m.waitEnds(1, 11, true);
        m.waitBegins(2, Mode.WRITE, 20);
        m.waitBegins(3, Mode.READ, 21);
        assertEquals(List.of(holder(1)), m.blockersOf(2));
        assertEquals(List.of(), m.blockersOf(3));
    }

    @Test
    void lockKindsMapToTheirModels() {
        assertEquals(RwsemModel.class, model("rwsem"));
        assertEquals(RwsemModel.class, model("percpu-rwsem"));
        assertEquals(SpinlockModel.class, model("spinlock"));
        assertEquals(RwlockModel.class, model("rwlock"));
        assertEquals(PerVmaLockModel.class, model("per-vma"));
        assertEquals(MutexModel.class, model("mutex"));
        assertEquals(MutexModel.class, model("unknown"));
    }

    @Test
    void anUnknownKindLabelIsAnErrorNotAMutex() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> LockKind.of("spinlok"));
        assertEquals("unknown lock kind 'spinlok' (known: spinlock, rwlock, rwsem, "
                + "percpu-rwsem, per-vma, mutex, rtmutex, semaphore, futex lock, futex, unknown)",
                e.getMessage());
    }

    private Class<?> model(String kind) {
        return LockKind.of(kind).newModel(false, 0, ids, h -> { }).getClass();
    }

    @Test
    void labelsReadBackAsTheModesRelationsAndKindsTheyName() {
        assertEquals(java.util.List.of(Mode.READ, Mode.WRITE, Mode.EXCLUSIVE, Mode.EXCLUSIVE),
                java.util.stream.Stream.of("read", "write", "exclusive", null)
                        .map(Mode::ofLabel).toList());
        assertEquals(java.util.Arrays.asList(Blocker.Relation.HOLDER,
                Blocker.Relation.QUEUED_AHEAD, Blocker.Relation.HANDOFF, null),
                java.util.stream.Stream.of("holder", "queued ahead", "handoff", "owner")
                        .map(Blocker.Relation::of).toList());
        // spinning holders keep preemption off: a hold without a release ends at a switch
        assertEquals(java.util.List.of(true, true, false, false),
                java.util.stream.Stream.of(LockKind.SPINLOCK, LockKind.RWLOCK, LockKind.RWSEM,
                        LockKind.MUTEX).map(LockKind::spinning).toList());
    }

    /*
     * A pthread mutex: 2 waits from 10, woken by 1 at 50 (1 let it go), runs at 60 and holds
     * it until it wakes 3 at 90. Before the wake the waker is the holder; after it the waiter
     * waits for a CPU (handoff). The waker, never seen taking the lock, held it at least from
     * the first wait it ended; 2, waker of 3 but waiting itself, holds nothing until it takes
     * the lock, and its hold ends at its own wake.
     */
    @Test
    void futexLockWaiterWaitsForItsWakerThenForACpuAndHoldsItUntilItWakesTheNext()
            throws SQLException {
        FutexModel m = FutexModel.lock(false, 0, ids, holds::add);
        m.waitBegins(2, 10, 1);
        assertEquals(List.of(holder(1)), m.blockersOf(2));
        m.waitBegins(3, 20, 2);
        assertEquals(List.of(holder(2)), m.blockersOf(3));
        m.released(1, 50);
        m.woken(2);
        assertEquals(List.of(new Blocker(2, Relation.HANDOFF)), m.blockersOf(2));
        m.waitEnds(2, 60, true);
        assertEquals(List.of(), m.blockersOf(2));
        m.released(2, 90);
        assertEquals(List.of(new Hold(1, 1, Mode.EXCLUSIVE, 10, 50, 50, false,
                FutexModel.WAKE, false), new Hold(2, 2, Mode.EXCLUSIVE, 60, 90, 90, false,
                FutexModel.WAKE, false)), holds);
    }

    /*
     * A woken waiter that finds the lock taken again (a thread that never slept took it) waits
     * again: it did not hold the lock in between, and no hold of it is written.
     */
    @Test
    void futexLockWaiterThatWaitsAgainAfterItsWakeHeldNothingInBetween() throws SQLException {
        FutexModel m = FutexModel.lock(false, 0, ids, holds::add);
        m.waitBegins(2, 10, null);
        m.waitEnds(2, 20, true);
        assertEquals(1L, m.holdOf(2));
        m.waitBegins(2, 25, 4);
        assertEquals(null, m.holdOf(2));
        assertEquals(List.of(holder(4)), m.blockersOf(2));
        m.finish(100);
        assertEquals(List.of(new Hold(2, 4, Mode.EXCLUSIVE, 25, 100, 100, false,
                Hold.TRACE_END, false)), holds);
    }

    /*
     * A condition variable: nobody holds it. The consumer waits until the producer that woke
     * it (the waker), then for a CPU; no hold is ever written, and a wait without a waker (a
     * timeout) has no blocker.
     */
    @Test
    void futexEventWaiterWaitsForItsWakerAndNobodyHoldsTheWord() throws SQLException {
        FutexModel m = FutexModel.event(false, 0, ids, holds::add);
        m.waitBegins(2, 10, 7);
        assertEquals(List.of(new Blocker(7, Relation.WAKER)), m.blockersOf(2));
        assertEquals(null, m.holdOf(7));
        m.woken(2);
        assertEquals(List.of(new Blocker(2, Relation.HANDOFF)), m.blockersOf(2));
        m.waitEnds(2, 30, true);
        m.waitBegins(3, Mode.EXCLUSIVE, 40); // as LockModel: the waker unknown
        assertEquals(List.of(), m.blockersOf(3));
        m.released(7, 50);
        m.finish(100);
        assertEquals(List.of(), holds);
    }
}
