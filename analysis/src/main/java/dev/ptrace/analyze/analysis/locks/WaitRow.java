package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.store.RowOf;

/**
 * A row of {@code waits}: one wait of a thread for a lock.
 *
 * @param flags    LCB_F_* bits or-ed over its begins; null when the begin is missing
 * @param acquired null when the trace ends inside the wait
 */
@RowOf("waits")
public record WaitRow(int traceId, long waitId, int tid, String comm, long lockId,
                      String lockType, String mode, Integer flags, long beginTs, long endTs,
                      long durationNs, Boolean acquired, Integer ret, Long stackId,
                      String syscall, Long enclosingWaitId, boolean cutStart, boolean cutEnd) {
    /** 'read' or 'write' for reader-writer locks, 'exclusive' for the others. */
    public static String modeOf(int flags) {
        return (flags & 2) != 0 ? "read" : (flags & 4) != 0 ? "write" : "exclusive";
    }
}
