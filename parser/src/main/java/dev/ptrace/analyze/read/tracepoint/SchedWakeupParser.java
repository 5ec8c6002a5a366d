package dev.ptrace.analyze.read.tracepoint;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.SchedWakeup;
import java.util.Map;

/** {@code comm=rcu_preempt pid=15 prio=120 target_cpu=000} (older kernels add success=1). */
final class SchedWakeupParser implements PayloadParser {
    private static final String SHAPE = "'comm=.. pid=.. prio=.. target_cpu=..'";

    @Override
    public SchedWakeup parse(EventHeader h, String payload) {
        Map<String, String> kv = KeyValues.parse(payload);
        return new SchedWakeup(h,
                KeyValues.require(kv, "comm", SHAPE),
                KeyValues.requireInt(kv, "pid", SHAPE),
                KeyValues.requireInt(kv, "prio", SHAPE),
                KeyValues.requireInt(kv, "target_cpu", SHAPE));
    }
}
