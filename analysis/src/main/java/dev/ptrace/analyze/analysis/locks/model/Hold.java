package dev.ptrace.analyze.analysis.locks.model;

/**
 * A thread holding a lock, as a lock model knows it: the model's own state (its mode decides
 * who blocks whom), handed to the replay when it ends, which stores it as a holds row
 * ({@code HoldRow}, with the trace, the lock and the duration).
 *
 * @param id          the trace's hold ids are handed out in the order holds begin
 * @param end         when it was let go; for a spinning lock taken with nobody waiting and
 *                    no release event the trace does not show when: its begin (nothing of
 *                    the hold is known)
 * @param endBy       the latest it can have been let go ({@code end} where the trace shows
 *                    it, or a waiter's taking bounds it)
 * @param exact       the trace says when it was taken and released (mmap_lock events);
 *                    false when the lock model infers it from waits
 * @param endEvidence 'released' (the release event), 'downgraded' (write became read),
 *                    'handoff' (a waiter took the lock, so it
 *                    was let go), 'syscall exit' or 'switched out' (the holder returned to
 *                    user space, or left the CPU holding a spinning lock, which cannot be),
 *                    'next event' (a spinning lock's holder did something else traced),
 *                    'trace end' (still held when the trace ends)
 */
public record Hold(long id, int tid, Mode mode, long begin, long end, long endBy, boolean exact,
                   String endEvidence, boolean cutStart) {
    public static final String RELEASED = "released";
    public static final String HANDOFF = "handoff";
    public static final String DOWNGRADED = "downgraded";
    public static final String SYSCALL_EXIT = "syscall exit";
    public static final String SWITCHED_OUT = "switched out";
    public static final String NEXT_EVENT = "next event";
    public static final String TRACE_END = "trace end";
}
