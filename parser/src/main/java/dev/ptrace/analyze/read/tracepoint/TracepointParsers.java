package dev.ptrace.analyze.read.tracepoint;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.OtherEvent;
import dev.ptrace.analyze.event.TraceEvent;
import java.util.Map;

/**
 * Which tracepoints have a typed table, and the parser of each payload. Keyed by the
 * tracepoint's own name without its system ({@code sched_switch}), since perf prints
 * {@code sched:sched_switch} and tracefs {@code sched_switch}. Every other event becomes an
 * {@link OtherEvent} with its {@code key=value} pairs.
 */
public final class TracepointParsers {
    private static final Map<String, PayloadParser> BY_NAME = Map.of(
            "sched_switch", new SchedSwitchParser(),
            "sched_waking", new SchedWakeupParser(),
            "sched_wakeup", new SchedWakeupParser(),
            "sched_wakeup_new", new SchedWakeupParser(),
            "contention_begin", new LockContentionParser(true),
            "contention_end", new LockContentionParser(false),
            "mmap_lock_start_locking", new MmapLockParser("start_locking"),
            "mmap_lock_acquire_returned", new MmapLockParser("acquire_returned"),
            "mmap_lock_released", new MmapLockParser("released"));

    private TracepointParsers() {
    }

    /**
     * The typed event for {@code tracepoint} (a name without its system), or an
     * {@link OtherEvent}.
     *
     * @throws PayloadException when a typed tracepoint's payload has the wrong shape
     */
    public static TraceEvent parse(EventHeader h, String tracepoint, String payload) {
        try {
            return parseNumbers(h, tracepoint, payload);
        } catch (NumberFormatException e) {
            throw new PayloadException("numbers that fit their fields, found "
                    + e.getMessage().replace("For input string: ", ""));
        }
    }

    private static TraceEvent parseNumbers(EventHeader h, String tracepoint, String payload) {
        PayloadParser parser = BY_NAME.get(tracepoint);
        if (parser != null) {
            return parser.parse(h, payload);
        }
        if (tracepoint.startsWith(PerfSyscallParser.ENTER)
                || tracepoint.startsWith(PerfSyscallParser.EXIT)) {
            return PerfSyscallParser.parse(h, tracepoint, payload);
        }
        return new OtherEvent(h, payload, KeyValues.parse(payload));
    }

    /** The name after the last {@code :} of {@code sched:sched_switch}. */
    public static String withoutSystem(String event) {
        int colon = event.lastIndexOf(':');
        return colon < 0 ? event : event.substring(colon + 1);
    }
}
