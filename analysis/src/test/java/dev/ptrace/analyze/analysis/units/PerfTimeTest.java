package dev.ptrace.analyze.analysis.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Durations print exactly as perf lock contention prints them (strings from the oracles). */
class PerfTimeTest {
    @Test
    void millisecondsSecondsAndMicroseconds() {
        assertEquals("   835.75 ms", PerfTime.format(835_748_000L, 12));
        assertEquals("     1.58 s ", PerfTime.format(1_576_071_000L, 12));
        assertEquals("     8.67 us", PerfTime.format(8_670L, 12));
    }

    @Test
    void belowAMicrosecondIsWholeNanoseconds() {
        assertEquals("      999 ns", PerfTime.format(999L, 12));
        assertEquals("        0 ns", PerfTime.format(0L, 12));
    }

    @Test
    void minutesAndHours() {
        assertEquals("     2.00 m ", PerfTime.format(120_000_000_000L, 12));
        assertEquals("     1.50 h ", PerfTime.format(5_400_000_000_000L, 12));
    }
}
