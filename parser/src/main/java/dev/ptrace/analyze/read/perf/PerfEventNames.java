package dev.ptrace.analyze.read.perf;

import java.util.regex.Pattern;

/**
 * Which perf event names are tracepoints. A tracepoint is {@code system:name}; a hardware,
 * software, raw or PMU event is a name, {@code pmu/terms/} or {@code rNNNN}, with perf's
 * modifiers after a colon ({@code cycles:u}, {@code cpu-clock:ppp}, {@code cpu/cycles/P}): the
 * letters of parse-events.l's modifier_event. What is not a tracepoint is sampled: a sample.
 */
public final class PerfEventNames {
    /** {@code NAME:MODIFIERS} or a PMU's {@code pmu/terms/[MODIFIERS]}. */
    private static final Pattern SAMPLED = Pattern.compile(
            "[^:/]+(:[ukhpPGHSDIWebRx]+)?|[^:]*/[^:]*/[ukhpPGHSDIWebRx]*(:[ukhpPGHSDIWebRx]+)?");

    private PerfEventNames() {
    }

    /** Whether {@code event} (as perf script prints it) is a tracepoint. */
    public static boolean isTracepoint(String event) {
        return event.indexOf(':') > 0 && !SAMPLED.matcher(event).matches();
    }
}
