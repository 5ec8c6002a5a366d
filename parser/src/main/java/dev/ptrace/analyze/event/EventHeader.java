package dev.ptrace.analyze.event;

/**
 * What every event has, whatever its format: where it was in the input and which thread, CPU
 * and moment it belongs to.
 *
 * @param seq     position of the event in the input, 0-based; the order the capture tool printed
 * @param line    1-based line number of the event's first line in the input
 * @param ts      timestamp in integer nanoseconds, on the capture's clock, or {@link #NO_TIME}
 *                when the input does not show it (perf script without -F time)
 * @param cpu     CPU number, or {@link #UNKNOWN} when the input does not show it
 * @param pid     process (thread group) id, or {@link #UNKNOWN} when the input does not show it
 * @param tid     thread id, or {@link #NO_TID} when the input does not show it
 * @param comm    thread name as the input shows it
 * @param event   event name as the input spells it, e.g. {@code sched:sched_switch}
 * @param stackId id of the event's call stack, or {@link #NO_STACK}
 */
public record EventHeader(long seq, long line, long ts, int cpu, int pid, int tid, String comm,
                          String event, long stackId) {
    public static final int UNKNOWN = -1;
    public static final long NO_STACK = -1;
    /** No time printed: perf prints -1 for some ids, so the sentinels lie outside any value. */
    public static final long NO_TIME = Long.MIN_VALUE;
    public static final int NO_TID = Integer.MIN_VALUE;

    /** Whether the input showed the event's time. */
    public boolean timed() {
        return ts != NO_TIME;
    }

    public EventHeader withStack(long id) {
        return new EventHeader(seq, line, ts, cpu, pid, tid, comm, event, id);
    }
}
