package dev.ptrace.analyze.analysis.locks.model;

/**
 * A thread holding a lock (a row of holds).
 *
 * @param id          the trace's hold ids are handed out in the order holds begin
 * @param exact       the trace says when it was taken and released (mmap_lock events);
 *                    false when the lock model infers it from waits
 * @param endEvidence 'released' (the release event), 'downgraded' (write became read),
 *                    'handoff' (a waiter took the lock, so it
 *                    was let go), 'syscall exit' or 'switched out' (the holder returned to
 *                    user space, or left the CPU holding a spinning lock, which cannot be),
 *                    'next event' (a spinning lock's holder did something else traced),
 *                    'trace end' (still held when the trace ends)
 */
public record Hold(long id, int tid, Mode mode, long begin, long end, boolean exact, String endEvidence,
                   boolean cutStart) {
    public static final String RELEASED = "released";
    public static final String HANDOFF = "handoff";
    public static final String DOWNGRADED = "downgraded";
    public static final String SYSCALL_EXIT = "syscall exit";
    public static final String SWITCHED_OUT = "switched out";
    public static final String NEXT_EVENT = "next event";
    public static final String TRACE_END = "trace end";
}
