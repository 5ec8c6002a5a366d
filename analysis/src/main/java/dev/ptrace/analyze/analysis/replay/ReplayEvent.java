package dev.ptrace.analyze.analysis.replay;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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

    /** The kinds; replay_events.sql gives each its ordinal, filled in from here. */
    public enum Kind {
        SWITCH, WAKEUP, CONTENTION_BEGIN, CONTENTION_END, MMAP_START, MMAP_ACQUIRED,
        MMAP_RELEASED, SYSCALL_ENTER, SYSCALL_EXIT;

        private static final Kind[] ALL = values();

        static Kind of(int ordinal) {
            return ALL[ordinal];
        }

        /** Each kind's number by its name in lower case: what replay_events.sql is filled with. */
        static Map<String, String> numbers() {
            Map<String, String> m = new HashMap<>();
            for (Kind k : ALL) {
                m.put(k.name().toLowerCase(Locale.ROOT), Integer.toString(k.ordinal()));
            }
            return m;
        }
    }
}
