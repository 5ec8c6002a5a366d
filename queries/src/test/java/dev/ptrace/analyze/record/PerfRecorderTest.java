package dev.ptrace.analyze.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.query.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The perf record command line: the events of record-events.tsv, a command or -p PID. */
class PerfRecorderTest {
    private static final Path PERF = Path.of("/usr/bin/perf");

    private static List<String> events() {
        List<String> e = new ArrayList<>();
        for (RecordEvent r : RecordEvent.shipped()) {
            e.addAll(List.of("-e", r.event()));
        }
        return e;
    }

    @Test
    void aCommandIsRecordedFromItsStartWithEveryEventCallchainsAndCpuClockSamples() {
        RecordRequest r = new RecordRequest(List.of("./wl", "inversion", "2", "3"), null, null,
                Path.of("out"));
        List<String> expected = new ArrayList<>(List.of("/usr/bin/perf", "record", "-g"));
        expected.addAll(events());
        expected.addAll(List.of("-c", "250000", "-o", "out/perf.data", "--", "./wl",
                "inversion", "2", "3"));
        assertEquals(expected, PerfRecorder.command(PERF, RecordEvent.shipped(), r));
        assertEquals("-e lock:contention_begin -e lock:contention_end -e sched:sched_switch",
                String.join(" ", events().subList(0, 6)));
    }

    @Test
    void futexWaitsAndWakeupsAreRecordedByDefaultWithCallchains() {
        String cmd = String.join(" ", PerfRecorder.command(PERF, RecordEvent.shipped(),
                new RecordRequest(List.of("true"), null, null, Path.of("d"))));
        // -g: kernel and user callchains; a syscall's tracepoint gets the user stack only
        assertTrue(cmd.startsWith("/usr/bin/perf record -g "), cmd);
        for (String e : List.of("syscalls:sys_enter_futex", "syscalls:sys_exit_futex",
                "sched:sched_waking", "sched:sched_wakeup_new", "sched:sched_switch")) {
            assertTrue(cmd.contains(" -e " + e + " "), e + " in " + cmd);
        }
    }

    @Test
    void aRunningProcessIsRecordedWithDashPAndTheDurationIsNoArgumentOfPerf() {
        RecordRequest r = new RecordRequest(List.of(), 4242, Duration.ofSeconds(3),
                Path.of("d"));
        List<String> cmd = PerfRecorder.command(PERF, RecordEvent.shipped(), r);
        assertEquals(List.of("-o", "d/perf.data", "-p", "4242"),
                cmd.subList(cmd.size() - 4, cmd.size()));
    }

    @Test
    void onlyTracepointsNeedNoSamplePeriod() {
        List<RecordEvent> tracepoints = RecordEvent.shipped().stream()
                .filter(RecordEvent::tracepoint).toList();
        List<String> cmd = PerfRecorder.command(PERF, tracepoints, new RecordRequest(
                List.of("true"), null, null, Path.of("d")));
        assertEquals(-1, cmd.indexOf("-c"));
        assertEquals(-1, cmd.indexOf("cpu-clock"));
    }

    @Test
    void aRequestNamesACommandOrAProcessAndAPositiveDuration() {
        assertEquals("record what? give -- COMMAND... or -p PID", assertThrows(
                UsageException.class, () -> new RecordRequest(List.of(), null, null,
                        Path.of("d"))).getMessage());
        assertEquals("record a COMMAND or a running process (-p PID), not both", assertThrows(
                UsageException.class, () -> new RecordRequest(List.of("x"), 1, null,
                        Path.of("d"))).getMessage());
        assertEquals("--duration takes seconds above 0, found 0.0", assertThrows(
                UsageException.class, () -> new RecordRequest(List.of("x"), null, Duration.ZERO,
                        Path.of("d"))).getMessage());
    }
}
