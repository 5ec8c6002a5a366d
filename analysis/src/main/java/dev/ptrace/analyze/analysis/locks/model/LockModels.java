package dev.ptrace.analyze.analysis.locks.model;

/** The model of each kind of lock (locks.kind). */
public final class LockModels {
    private LockModels() {
    }

    public static LockModel forKind(String kind, boolean exactHolds, long firstTs,
                                    LockModel.HoldSink sink) {
        return switch (kind) {
            case "spinlock" -> new SpinlockModel(exactHolds, firstTs, sink);
            case "rwsem", "percpu-rwsem" -> new RwsemModel(exactHolds, firstTs, sink);
            case "rwlock" -> new RwlockModel(exactHolds, firstTs, sink);
            case "per-vma" -> new PerVmaLockModel(exactHolds, firstTs, sink);
            default -> new MutexModel(exactHolds, firstTs, sink);
        };
    }
}
