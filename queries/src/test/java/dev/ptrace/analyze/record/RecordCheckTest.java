package dev.ptrace.analyze.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.query.UsageException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a recording needs of the machine, on machines made of files: each lack one line. */
class RecordCheckTest {
    @TempDir Path tmp;

    private static final List<RecordEvent> EVENTS = RecordEvent.shipped();

    private String error(FakeMachine m) {
        return assertThrows(UsageException.class, () -> RecordCheck.check(m.machine(), EVENTS))
                .getMessage();
    }

    @Test
    void rootWithPerfAndEveryTracepointRecordsEveryEventOfTheFile() {
        FakeMachine m = new FakeMachine(tmp).allTracepoints().tool("perf", "exit 0");
        RecordPlan plan = RecordCheck.check(m.machine(), EVENTS);
        assertEquals(m.path("bin/perf"), plan.perf());
        assertEquals(EVENTS, plan.events());
        assertEquals(List.of(), plan.warnings());
        assertTrue(EVENTS.stream().anyMatch(e -> e.event().equals("cpu-clock")
                && !e.tracepoint()));
    }

    @Test
    void aUserNeedsPerfEventParanoidMinusOneAndIsToldTheSysctl() {
        FakeMachine m = new FakeMachine(tmp).user(1000).paranoid(2).allTracepoints()
                .tool("perf", "exit 0");
        assertEquals("recording tracepoints as a user needs kernel.perf_event_paranoid=-1 (it "
                + "is 2): run as root, or sysctl kernel.perf_event_paranoid=-1", error(m));
        m.paranoid(-1);
        assertEquals(EVENTS, RecordCheck.check(m.machine(), EVENTS).events());
    }

    @Test
    void withoutPerfAUserCannotRecordThroughTracefs() {
        FakeMachine m = new FakeMachine(tmp).user(1000).paranoid(-1).allTracepoints();
        assertEquals("recording through tracefs (no perf on the PATH) needs root: run as root, "
                + "or install perf (Debian: apt-get install linux-perf)", error(m));
    }

    @Test
    void tracefsNotMountedSaysTheMountCommand() {
        FakeMachine m = new FakeMachine(tmp).tool("perf", "exit 0");
        String e = error(m);
        assertTrue(e.startsWith("tracefs is not mounted (no " + tmp.resolve(
                "sys/kernel/tracing/events") + ")"), e);
        assertTrue(e.endsWith(": mount -t tracefs nodev /sys/kernel/tracing"), e);
    }

    @Test
    void missingRequiredTracepointsAreOneErrorNamingThemAndOptionalOnesAreLeftOut() {
        FakeMachine m = new FakeMachine(tmp).tool("perf", "exit 0").tracefs(
                "sched:sched_switch", "sched:sched_waking", "syscalls:sys_enter_mmap");
        String e = error(m);
        assertTrue(e.startsWith("this kernel has no tracepoint lock:contention_begin, "
                + "lock:contention_end (not in "), e);
        assertTrue(e.endsWith("the analysis cannot do without them"), e);

        m.tracefs("lock:contention_begin", "lock:contention_end");
        RecordPlan plan = RecordCheck.check(m.machine(), EVENTS);
        assertEquals(List.of("lock:contention_begin", "lock:contention_end",
                "sched:sched_switch", "sched:sched_waking", "syscalls:sys_enter_mmap",
                "cpu-clock"), plan.events().stream().map(RecordEvent::event).toList());
        assertEquals(EVENTS.size() - 6, plan.warnings().size());
        assertTrue(plan.warnings().contains("this kernel has no tracepoint "
                + "mmap_lock:mmap_lock_released: left out (mmap_lock: released (hold times))"),
                plan.warnings().toString());
    }

    @Test
    void withoutPerfRootRecordsTheTracepointsThroughTracefsWithoutCpuClock() {
        FakeMachine m = new FakeMachine(tmp).allTracepoints();
        RecordPlan plan = RecordCheck.check(m.machine(), EVENTS);
        assertNull(plan.perf());
        assertTrue(plan.events().stream().allMatch(RecordEvent::tracepoint));
        assertEquals(EVENTS.size() - 1, plan.events().size());
        assertTrue(plan.warnings().get(0).startsWith("cpu-clock needs perf, which is not on the "
                + "PATH: left out"), plan.warnings().toString());
        assertEquals("perf is not on the PATH: recording through tracefs, system-wide, without "
                + "kernel callchains and with user stacks as bare addresses (Debian: apt-get "
                + "install linux-perf)", plan.warnings().get(1));
    }
}
