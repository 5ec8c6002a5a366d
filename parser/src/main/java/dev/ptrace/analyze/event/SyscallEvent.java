package dev.ptrace.analyze.event;

import java.util.Map;

/**
 * A system call entry (with its arguments) or exit (with its return value).
 *
 * @param name syscall name without prefix, e.g. {@code madvise}
 * @param args argument name to value for an entry, in the order printed; empty for an exit
 * @param ret  the return value of an exit (negative errno on failure), null for an entry
 */
public record SyscallEvent(EventHeader header, boolean enter, String name, Map<String, Long> args,
                           Long ret) implements TraceEvent {
    @Override
    public void sendTo(EventHandler handler) {
        handler.syscall(this);
    }
}
