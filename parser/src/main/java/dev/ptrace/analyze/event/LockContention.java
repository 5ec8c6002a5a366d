package dev.ptrace.analyze.event;

/**
 * {@code lock:contention_begin} (with flags) and {@code lock:contention_end} (with ret).
 *
 * @param lockAddr the lock address exactly as the input prints it: raw ({@code 0xffff...}) in
 *                 perf, hashed ({@code 00000000bbf0df3b}) in ftrace text; never compare across
 *                 formats
 * @param flags    {@link LockFlags} bits of a begin event, null for an end event
 * @param ret      return value of an end event (0, or an error such as -EINTR), null for a begin
 */
public record LockContention(EventHeader header, boolean begin, String lockAddr, Integer flags,
                             Integer ret) implements TraceEvent {
    @Override
    public void sendTo(EventHandler handler) {
        handler.lockContention(this);
    }
}
