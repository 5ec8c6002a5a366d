package dev.ptrace.analyze.read.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ptrace.analyze.event.EventHeader;
import org.junit.jupiter.api.Test;

/** One test per shape of the perf script event line; lines are real ones from the traces. */
class PerfHeaderLineTest {

    @Test
    void tracepointLineHasTidCpuTimeEventAndPayload() {
        PerfHeaderLine h = PerfHeaderLine.parse("wl 16371 [000]  9970.177757:                "
                + "lock:contention_begin: 0xffff88810006d838 (flags=WRITE)");
        assertNotNull(h);
        assertEquals("wl", h.comm());
        assertEquals(-1, h.pid());
        assertEquals(16371, h.tid());
        assertEquals(0, h.cpu());
        assertEquals(9_970_177_757_000L, h.ts());
        assertEquals(6, h.tsDigits());
        assertEquals(-1, h.period());
        assertEquals("lock:contention_begin", h.event());
        assertEquals("0xffff88810006d838 (flags=WRITE)", h.payload());
    }

    @Test
    void sampleLineWithoutCpuHasPeriodAndEventModifier() {
        PerfHeaderLine h = PerfHeaderLine.parse("wl 16394  9976.913092:     200040 cpu-clock:ppp: ");
        assertNotNull(h);
        assertEquals(-1, h.cpu());
        assertEquals(200040, h.period());
        assertEquals("cpu-clock:ppp", h.event());
        assertEquals("", h.payload());
    }

    @Test
    void commMayHoldBlanksAndDigits() {
        PerfHeaderLine h = PerfHeaderLine.parse("GC Thread#0 2 8523 [001]  6345.1: "
                + "sched:sched_switch: prev_comm=GC Thread#0 prev_pid=8523");
        assertNotNull(h);
        assertEquals("GC Thread#0 2", h.comm());
        assertEquals(8523, h.tid());
    }

    @Test
    void pidSlashTidGivesBothIds() {
        PerfHeaderLine h = PerfHeaderLine.parse("Web Content  4242/4250 [003] 12.345678: "
                + "sched:sched_waking: comm=x pid=1 prio=120 target_cpu=003");
        assertNotNull(h);
        assertEquals("Web Content", h.comm());
        assertEquals(4242, h.pid());
        assertEquals(4250, h.tid());
        assertEquals(3, h.cpu());
    }

    @Test
    void nanosecondTimestampsKeepEveryDigit() {
        PerfHeaderLine h = PerfHeaderLine.parse("wl 1 [000] 239.157406123: lock:contention_end: "
                + "0x1 (ret=0)");
        assertNotNull(h);
        assertEquals(239_157_406_123L, h.ts());
        assertEquals(9, h.tsDigits());
    }

    @Test
    void exitingTaskWithoutCommOrTidIsRead() {
        // perf prints this for a sched_switch of a task that has already exited
        PerfHeaderLine h = PerfHeaderLine.parse(":-1    -1 [000] 6632.639175: sched:sched_switch: "
                + "prev_comm=pgbench prev_pid=8811 prev_prio=120 prev_state=X ==> next_comm=swapper/0 "
                + "next_pid=0 next_prio=120");
        assertNotNull(h);
        assertEquals(":-1", h.comm());
        assertEquals(-1, h.tid());
    }

    private static final long NO_TIME = EventHeader.NO_TIME;

    @Test
    void lineWithoutTimeOrCpuIsReadBackwardsFromTheEventName() {
        // perf script -F comm,pid,event,ip,sym,dso: the single number is taken as the thread id
        assertEquals(new PerfHeaderLine("wl", -1, 9856, -1, NO_TIME, -1, -1,
                        "mmap_lock:mmap_lock_start_locking", ""),
                PerfHeaderLine.parse("wl  9856    mmap_lock:mmap_lock_start_locking: "));
    }

    @Test
    void withoutTimeANumberAfterTheIdsOrCpuIsThePeriod() {
        assertEquals(new PerfHeaderLine("wl", 9856, 9857, 1, NO_TIME, -1, 1,
                        "mmap_lock:mmap_lock_released", ""),
                PerfHeaderLine.parse("wl  9856/9857  [001]          1    "
                        + "mmap_lock:mmap_lock_released: "));
        assertEquals(new PerfHeaderLine("V8 WorkerThread", -1, 25607, -1, NO_TIME, -1,
                        1_000_000, "cycles:u", ""),
                PerfHeaderLine.parse("V8 WorkerThread 25607    1000000 cycles:u: "));
    }

    @Test
    void withoutTimeATracepointKeepsItsPayload() {
        assertEquals(new PerfHeaderLine("wl", -1, 16371, 0, NO_TIME, -1, -1,
                        "lock:contention_begin", "0xffff (flags=SPIN)"),
                PerfHeaderLine.parse("wl 16371 [000] lock:contention_begin: 0xffff (flags=SPIN)"));
    }

    @Test
    void theThreadIdAloneOrTheTimeAloneIsEnoughWithoutName() {
        assertEquals(new PerfHeaderLine(null, -1, 9856, -1, NO_TIME, -1, -1, "cpu-clock", ""),
                PerfHeaderLine.parse("   9856    cpu-clock: "));
        assertEquals(new PerfHeaderLine(null, -1, EventHeader.NO_TID, -1, 2_207_813_641_000L, 6,
                        -1, "cpu-clock", ""),
                PerfHeaderLine.parse("  2207.813641: cpu-clock: "));
    }

    @Test
    void aNameWithoutThreadIdOrWithoutEventNameIsNotAnEventLine() {
        assertNull(PerfHeaderLine.parse("wl cpu-clock: "));
        assertNull(PerfHeaderLine.parse("wl 16371 [000] 1.000000 lock:contention_begin: 0xffff"));
        assertNull(PerfHeaderLine.parse("Attaching 3 probes..."));
        assertNull(PerfHeaderLine.parse("9982766416048 23079 23080 wl lock=0xffff flags=1"));
    }

    @Test
    void parseTimedRefusesLinesWithoutTime() {
        assertNull(PerfHeaderLine.parseTimed("wl 16371 [000] lock:contention_begin: 0xffff"));
        assertNotNull(PerfHeaderLine.parseTimed("wl 16371 [000] 1.5: lock:contention_end: 0x1"));
    }

    @Test
    void ftraceLineIsNotAPerfEventLine() {
        assertNull(PerfHeaderLine.parse("    sametrace.sh-2630    (   2630) [001] .....   "
                + "238.980095: mmap_lock_start_locking: mm=0000000000c1fed4 memcg_id=5150 write=true"));
        assertNull(PerfHeaderLine.parse("          <idle>-0       [001] d..2.   238.98: "
                + "sched_switch: prev_comm=swapper/1"));
    }

    @Test
    void lineWithoutEventNameIsNotAnEventLine() {
        assertNull(PerfHeaderLine.parse("wl 16371 [000]  9970.177757: no event name here"));
    }
}
