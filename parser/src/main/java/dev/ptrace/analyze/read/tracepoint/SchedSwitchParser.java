package dev.ptrace.analyze.read.tracepoint;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.SchedSwitch;
import java.util.Map;

/**
 * {@code prev_comm=wl prev_pid=16371 prev_prio=120 prev_state=D ==> next_comm=wl next_pid=16374
 * next_prio=120} (perf and tracefs print the kernel's format unchanged).
 */
final class SchedSwitchParser implements PayloadParser {
    private static final String SHAPE = "'prev_comm=.. prev_pid=.. prev_prio=.. prev_state=.. ==> "
            + "next_comm=.. next_pid=.. next_prio=..'";

    @Override
    public SchedSwitch parse(EventHeader h, String payload) {
        int arrow = payload.indexOf(" ==> ");
        if (arrow < 0) {
            throw new PayloadException("expected " + SHAPE);
        }
        Map<String, String> prev = KeyValues.parse(payload.substring(0, arrow));
        Map<String, String> next = KeyValues.parse(payload.substring(arrow + 5));
        return new SchedSwitch(h,
                KeyValues.require(prev, "prev_comm", SHAPE),
                KeyValues.requireInt(prev, "prev_pid", SHAPE),
                KeyValues.requireInt(prev, "prev_prio", SHAPE),
                KeyValues.require(prev, "prev_state", SHAPE),
                KeyValues.require(next, "next_comm", SHAPE),
                KeyValues.requireInt(next, "next_pid", SHAPE),
                KeyValues.requireInt(next, "next_prio", SHAPE));
    }
}
