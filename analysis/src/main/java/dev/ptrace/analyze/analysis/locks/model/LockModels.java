package dev.ptrace.analyze.analysis.locks.model;

import java.util.function.LongSupplier;

/** The model of each kind of lock (locks.kind). */
public final class LockModels {
    private LockModels() {
    }

    /** {@code holdIds}: the trace's hold ids, shared by its locks, handed out as holds begin. */
    public static LockModel forKind(String kind, boolean exactHolds, long firstTs,
                                    LongSupplier holdIds, LockModel.HoldSink sink) {
        return switch (kind) {
            case "spinlock" -> new SpinlockModel(exactHolds, firstTs, holdIds, sink);
            case "rwsem", "percpu-rwsem" -> new RwsemModel(exactHolds, firstTs, holdIds, sink);
            case "rwlock" -> new RwlockModel(exactHolds, firstTs, holdIds, sink);
            case "per-vma" -> new PerVmaLockModel(exactHolds, firstTs, holdIds, sink);
            default -> new MutexModel(exactHolds, firstTs, holdIds, sink);
        };
    }
}
