package dev.ptrace.analyze.event;

/**
 * {@code mmap_lock:mmap_lock_start_locking}, {@code _acquire_returned} and {@code _released}.
 *
 * @param phase   {@code start_locking}, {@code acquire_returned} or {@code released}
 * @param mm      the {@code mm_struct} address as printed (not the lock's address)
 * @param memcgId memory cgroup id, or null when the kernel prints a path or nothing
 * @param success for {@code acquire_returned}: whether the lock was taken; null otherwise
 */
public record MmapLockEvent(EventHeader header, String phase, String mm, Long memcgId,
                            boolean write, Boolean success) implements TraceEvent {
    @Override
    public void sendTo(EventHandler handler) {
        handler.mmapLock(this);
    }
}
