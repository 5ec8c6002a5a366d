package dev.ptrace.analyze.read.tracepoint;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.SchedSwitch;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code prev_comm=wl prev_pid=16371 prev_prio=120 prev_state=D ==> next_comm=wl next_pid=16374
 * next_prio=120} (perf and tracefs print the kernel's format unchanged), and trace-cmd's own
 * {@code wl:9646 [120] R ==> migration/0:18 [0]}. A numeric state (bpftrace prints the raw
 * value) becomes the kernel's letters.
 */
final class SchedSwitchParser implements PayloadParser {
    /** {@code comm:pid [prio]} with a comm that may hold colons and blanks. */
    private static final Pattern TASK = Pattern.compile("^(.*):(-?\\d+) \\[(-?\\d+)\\]$");
    private static final String SHAPE = "'prev_comm=.. prev_pid=.. prev_prio=.. prev_state=.. ==> "
            + "next_comm=.. next_pid=.. next_prio=..'";

    @Override
    public SchedSwitch parse(EventHeader h, String payload) {
        int arrow = payload.indexOf(" ==> ");
        if (arrow < 0) {
            throw new PayloadException("expected " + SHAPE);
        }
        if (!payload.startsWith("prev_comm=")) {
            return traceCmd(h, payload.substring(0, arrow).strip(),
                    payload.substring(arrow + 5).strip());
        }
        Map<String, String> prev = KeyValues.parse(payload.substring(0, arrow));
        Map<String, String> next = KeyValues.parse(payload.substring(arrow + 5));
        return new SchedSwitch(h,
                KeyValues.require(prev, "prev_comm", SHAPE),
                KeyValues.requireInt(prev, "prev_pid", SHAPE),
                KeyValues.requireInt(prev, "prev_prio", SHAPE),
                TaskState.letters(KeyValues.require(prev, "prev_state", SHAPE)),
                KeyValues.require(next, "next_comm", SHAPE),
                KeyValues.requireInt(next, "next_pid", SHAPE),
                KeyValues.requireInt(next, "next_prio", SHAPE));
    }

    private static SchedSwitch traceCmd(EventHeader h, String prev, String next) {
        int state = prev.lastIndexOf(' ');
        Matcher p = state < 0 ? null : TASK.matcher(prev.substring(0, state));
        Matcher n = TASK.matcher(next);
        if (p == null || !p.matches() || !n.matches()) {
            throw new PayloadException("expected " + SHAPE + " or trace-cmd's 'COMM:PID [PRIO] "
                    + "STATE ==> COMM:PID [PRIO]'");
        }
        String letters = prev.substring(state + 1);
        // trace-cmd prints W for the preempted-while-runnable state the kernel prints as R+
        return new SchedSwitch(h, p.group(1), Integer.parseInt(p.group(2)),
                Integer.parseInt(p.group(3)), letters.equals("W") ? "R+" : TaskState.letters(letters),
                n.group(1), Integer.parseInt(n.group(2)), Integer.parseInt(n.group(3)));
    }
}
