package dev.ptrace.analyze.read.perf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Tracepoints are system:name; everything else perf samples, modifiers and all. */
class PerfEventNamesTest {
    @Test
    void systemColonNameIsATracepoint() {
        assertTrue(Stream.of("sched:sched_switch", "lock:contention_begin", "probe_libc:malloc")
                .allMatch(PerfEventNames::isTracepoint));
    }

    @Test
    void sampledEventsWithOrWithoutModifiersAreNot() {
        assertTrue(Stream.of("cpu-clock", "cpu-clock:ppp", "cycles:u", "cpu/cycles/P",
                "cpu_core/cycles/u:k", "r003c").noneMatch(PerfEventNames::isTracepoint));
    }
}
