package dev.ptrace.analyze.analysis.locks.model;

import java.util.Arrays;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The kinds of lock (locks.kind), each with the model that replays its waits and holds. The
 * knowledge files name kinds by label (lock-types.tsv, lock-names.tsv); a label that is not
 * one of these fails when the file is loaded, not as a silently different model.
 */
public enum LockKind {
    SPINLOCK("spinlock", true, SpinlockModel::new),
    RWLOCK("rwlock", true, RwlockModel::new),
    RWSEM("rwsem", false, RwsemModel::new),
    PERCPU_RWSEM("percpu-rwsem", false, RwsemModel::new),
    PER_VMA("per-vma", false, PerVmaLockModel::new),
    MUTEX("mutex", false, MutexModel::new),
    RTMUTEX("rtmutex", false, MutexModel::new),
    SEMAPHORE("semaphore", false, MutexModel::new),
    /** A user-space lock on a futex word (a pthread mutex): its woken waiter takes it. */
    FUTEX_LOCK("futex lock", false, FutexModel::lock),
    /** A futex word waited on for an event (a condition variable, a join): nobody holds it. */
    FUTEX("futex", false, FutexModel::event),
    /** Flags lock-types.tsv does not know: replayed as a mutex (one holder, sleeping waiters). */
    UNKNOWN("unknown", false, MutexModel::new);

    /** How a model is made: see {@link LockModel}. */
    @FunctionalInterface
    private interface ModelFactory {
        LockModel create(boolean exactHolds, long firstTs, LongSupplier holdIds,
                         LockModel.HoldSink sink);
    }

    private final String label;
    private final boolean spinning;
    private final ModelFactory factory;

    LockKind(String label, boolean spinning, ModelFactory factory) {
        this.label = label;
        this.spinning = spinning;
        this.factory = factory;
    }

    /** The kind as the locks table and the knowledge files spell it. */
    public String label() {
        return label;
    }

    /**
     * Whether its holder spins with preemption off (spinlock, rwlock): a hold inferred without
     * a release ends when its holder is switched out or does anything else.
     */
    public boolean spinning() {
        return spinning;
    }

    /** A model of one lock of this kind; {@code holdIds} hands out the trace's hold ids. */
    public LockModel newModel(boolean exactHolds, long firstTs, LongSupplier holdIds,
                              LockModel.HoldSink sink) {
        return factory.create(exactHolds, firstTs, holdIds, sink);
    }

    /** The kind of a label; an unknown label is an error. */
    public static LockKind of(String label) {
        for (LockKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown lock kind '" + label + "' (known: "
                + Arrays.stream(values()).map(LockKind::label).collect(Collectors.joining(", "))
                + ")");
    }
}
