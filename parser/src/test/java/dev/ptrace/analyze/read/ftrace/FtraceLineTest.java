package dev.ptrace.analyze.read.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** One test per shape of the ftrace event line; lines are real ones unless said. */
class FtraceLineTest {

    @Test
    void tgidColumnAndNewFlagsWidth() {
        FtraceLine l = FtraceLine.parse("      capture.sh-16336   (  16336) [001] .....  "
                + "9978.138607: mmap_lock_start_locking: mm=000000006921bec8 memcg_id=5051 write=true");
        assertNotNull(l);
        assertEquals("capture.sh", l.comm());
        assertEquals(16336, l.tid());
        assertEquals(16336, l.tgid());
        assertEquals(1, l.cpu());
        assertEquals(".....", l.flags());
        assertEquals(9_978_138_607_000L, l.ts());
        assertEquals(6, l.tsDigits());
        assertEquals("mmap_lock_start_locking: mm=000000006921bec8 memcg_id=5051 write=true",
                l.body());
    }

    @Test
    void idleTaskHasNoTgid() {
        FtraceLine l = FtraceLine.parse("          <idle>-0       (-------) [000] d..2.  "
                + "9982.526335: sched_switch: prev_comm=swapper/0 prev_pid=0");
        assertNotNull(l);
        assertEquals("<idle>", l.comm());
        assertEquals(0, l.tid());
        assertEquals(-1, l.tgid());
    }

    @Test
    void noTgidColumnAndOldFourCharacterFlags() {
        // the layout of kernels before 5.x and of 'trace' without the record-tgid option
        FtraceLine l = FtraceLine.parse("    kworker/u4:1-45    [001] d..2   238.980095: "
                + "sched_switch: prev_comm=kworker/u4:1 prev_pid=45");
        assertNotNull(l);
        assertEquals("kworker/u4:1", l.comm());
        assertEquals(45, l.tid());
        assertEquals(-1, l.tgid());
        assertEquals("d..2", l.flags());
    }

    @Test
    void commWithBlanksAndDashes() {
        FtraceLine l = FtraceLine.parse("  Web Content-x-1234  (   999) [003] d.h3.  12.000001: "
                + "sched_waking: comm=x pid=1 prio=120 target_cpu=003");
        assertNotNull(l);
        assertEquals("Web Content-x", l.comm());
        assertEquals(1234, l.tid());
        assertEquals(999, l.tgid());
    }

    @Test
    void traceCmdReportHasNoFlagsColumn() {
        FtraceLine l = FtraceLine.parse("     migration/0-18    [000]  1972.314736: sched_switch: "
                + "        migration/0:18 [0] S ==> bash:9644 [120]");
        assertNotNull(l);
        assertEquals("migration/0", l.comm());
        assertEquals(18, l.tid());
        assertNull(l.flags());
        assertEquals("sched_switch:         migration/0:18 [0] S ==> bash:9644 [120]", l.body());
    }

    @Test
    void stackTraceMarkerIsABody() {
        FtraceLine l = FtraceLine.parse("              wl-21637   (  21634) [000] d..1.  "
                + "9982.424700: <stack trace>");
        assertEquals("<stack trace>", l.body());
    }

    @Test
    void nanosecondTimestamps() {
        FtraceLine l = FtraceLine.parse("bash-1 [000] 1972.314736123: sched_switch: x");
        assertEquals(1_972_314_736_123L, l.ts());
        assertEquals(9, l.tsDigits());
    }

    @Test
    void linesOfOtherFormatsAreNotFtraceLines() {
        assertNull(FtraceLine.parse("wl 16371 [000]  9970.177757:  lock:contention_begin: 0x1 "
                + "(flags=SPIN)"));
        assertNull(FtraceLine.parse("9982766416048 23079 23080 wl lock=0xffff888117dc2498 "
                + "flags=1 wait_ns=4028"));
        assertNull(FtraceLine.parse("wl-12 [000] no timestamp: here"));
    }
}
