package dev.ptrace.analyze.analysis.locks;

/**
 * One wait of a thread for a lock (a row of waits).
 *
 * @param flags    LCB_F_* bits or-ed over its begins; null when the begin is missing
 * @param acquired null when the trace ends inside the wait
 */
public record Wait(long id, int tid, String comm, LockInfo lock, Integer flags, long begin,
                   long end, Boolean acquired, Integer ret, Long stackId, String syscall,
                   Long enclosingId, boolean cutStart, boolean cutEnd) {

    public long duration() {
        return end - begin;
    }

    /** 'read' or 'write' for reader-writer locks, 'exclusive' for the others; null if unknown. */
    public String mode() {
        return flags == null ? null : modeOf(flags);
    }

    public static String modeOf(int flags) {
        return (flags & 2) != 0 ? "read" : (flags & 4) != 0 ? "write" : "exclusive";
    }
}
