package dev.ptrace.analyze.analysis.replay;

/**
 * One event of the lock analysis's replay, in the shape of replay_events.sql: the fields a kind
 * does not have are null.
 *
 * @param tid   the thread the event is about: a switch's prev, a wakeup's waker, else the
 *              thread the event happened in
 * @param text  a switch's prev_state, a syscall's name
 * @param other a switch's next thread, a wakeup's target
 * @param addr  a lock address or an mm
 * @param num   a contention_begin's flags, a contention_end's ret, a wakeup's target CPU
 */
public record ReplayEvent(Kind kind, long ts, Integer cpu, int tid, String comm, Integer prio,
                          String text, Integer other, String otherComm, Integer otherPrio,
                          String addr, Long num, Boolean write, Boolean success, Long stackId) {

    public enum Kind {
        SWITCH("switch"), WAKEUP("wakeup"),
        CONTENTION_BEGIN("contention_begin"), CONTENTION_END("contention_end"),
        MMAP_START("mmap_start_locking"), MMAP_ACQUIRED("mmap_acquire_returned"),
        MMAP_RELEASED("mmap_released"),
        SYSCALL_ENTER("syscall_enter"), SYSCALL_EXIT("syscall_exit");

        private final String sqlName;

        Kind(String sqlName) {
            this.sqlName = sqlName;
        }

        static Kind of(String sqlName) {
            for (Kind k : values()) {
                if (k.sqlName.equals(sqlName)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown replay event kind " + sqlName);
        }
    }
}
