package dev.ptrace.analyze.read.tracepoint;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.SchedWakeup;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code comm=rcu_preempt pid=15 prio=120 target_cpu=000} (older kernels add success=1), and
 * trace-cmd's own {@code rcu_preempt:15 [120] CPU:000} for sched_wakeup and sched_wakeup_new
 * (its scheduler plugin; {@code success=1} before the CPU on older kernels).
 */
final class SchedWakeupParser implements PayloadParser {
    private static final String SHAPE = "'comm=.. pid=.. prio=.. target_cpu=..'";
    /** {@code comm:pid [prio] [success=N] CPU:cpu}, a comm that may hold colons and blanks. */
    private static final Pattern TRACE_CMD = Pattern.compile(
            "^(.*):(-?\\d+) \\[(-?\\d+)\\](?: success=-?\\d+)? CPU:(\\d+)$");

    @Override
    public SchedWakeup parse(EventHeader h, String payload) {
        Matcher m = TRACE_CMD.matcher(payload);
        if (!payload.startsWith("comm=") && m.matches()) {
            return new SchedWakeup(h, m.group(1), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
        }
        Map<String, String> kv = KeyValues.parse(payload);
        return new SchedWakeup(h,
                KeyValues.require(kv, "comm", SHAPE),
                KeyValues.requireInt(kv, "pid", SHAPE),
                KeyValues.requireInt(kv, "prio", SHAPE),
                KeyValues.requireInt(kv, "target_cpu", SHAPE));
    }
}
