package dev.ptrace.analyze.read.tracepoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.LockContention;
import dev.ptrace.analyze.event.LockFlags;
import dev.ptrace.analyze.event.MmapLockEvent;
import dev.ptrace.analyze.event.SchedSwitch;
import dev.ptrace.analyze.event.SchedWakeup;
import dev.ptrace.analyze.event.SyscallEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per payload grammar; payloads are real ones from the shared traces. */
class TracepointParsersTest {
    private static final EventHeader H = new EventHeader(0, 1, 0, 0, -1, 1, "wl", "x", -1);

    @Test
    void schedSwitchReadsBothSidesOfTheArrow() {
        SchedSwitch s = assertInstanceOf(SchedSwitch.class, TracepointParsers.parse(H,
                "sched_switch", "prev_comm=wl prev_pid=2646 prev_prio=120 prev_state=D ==> "
                        + "next_comm=wl next_pid=2644 next_prio=139"));
        assertEquals(new SchedSwitch(H, "wl", 2646, 120, "D", "wl", 2644, 139), s);
    }

    @Test
    void schedSwitchCommsMayHoldBlanks() {
        SchedSwitch s = (SchedSwitch) TracepointParsers.parse(H, "sched_switch",
                "prev_comm=GC Thread#0 prev_pid=8523 prev_prio=120 prev_state=R+ ==> "
                        + "next_comm=C2 CompilerThre next_pid=8530 next_prio=120");
        assertEquals("GC Thread#0", s.prevComm());
        assertEquals("R+", s.prevState());
        assertEquals("C2 CompilerThre", s.nextComm());
    }

    @Test
    void wakingNamesTargetAndCpu() {
        assertEquals(new SchedWakeup(H, "rcu_preempt", 15, 120, 0), TracepointParsers.parse(H,
                "sched_waking", "comm=rcu_preempt pid=15 prio=120 target_cpu=000"));
    }

    @Test
    void traceCmdPrintsAWakeupInItsOwnLayout() {
        assertEquals(new SchedWakeup(H, "C2 CompilerThre:x", 15, 120, 1), TracepointParsers.parse(
                H, "sched_wakeup", "C2 CompilerThre:x:15 [120] CPU:001"));
        assertEquals(new SchedWakeup(H, "wl", 9, 139, 0), TracepointParsers.parse(H,
                "sched_wakeup_new", "wl:9 [139] success=1 CPU:000"));
    }

    @Test
    void contentionBeginDecodesEveryFlag() {
        LockContention c = (LockContention) TracepointParsers.parse(H, "contention_begin",
                "0xffff888117dc2498 (flags=SPIN|READ)");
        assertEquals(LockFlags.SPIN.bit | LockFlags.READ.bit, c.flags());
        assertEquals("SPIN|READ", LockFlags.format(c.flags()));
        assertEquals(LockFlags.PERCPU.bit | LockFlags.WRITE.bit | LockFlags.MUTEX.bit
                        | LockFlags.RT.bit,
                LockFlags.parse("WRITE|RT|PERCPU|MUTEX"));
    }

    @Test
    void contentionBeginWithoutFlagsIsASemaphore() {
        LockContention c = (LockContention) TracepointParsers.parse(H, "contention_begin",
                "ffffffff83a0c7e0 (flags=)");
        assertEquals(0, c.flags());
    }

    @Test
    void contentionEndKeepsHashedAddressAndRet() {
        LockContention c = (LockContention) TracepointParsers.parse(H, "contention_end",
                "000000001c56db3a (ret=-4)");
        assertEquals("000000001c56db3a", c.lockAddr());
        assertEquals(-4, c.ret());
        assertNull(c.flags());
    }

    @Test
    void contentionWithUnknownFlagNameIsRejected() {
        assertThrows(PayloadException.class, () -> TracepointParsers.parse(H, "contention_begin",
                "0xffff (flags=SPIN|BOGUS)"));
        assertThrows(PayloadException.class, () -> TracepointParsers.parse(H, "contention_end",
                "0xffff"));
    }

    @Test
    void mmapLockAcquireReturnedHasSuccess() {
        MmapLockEvent m = (MmapLockEvent) TracepointParsers.parse(H, "mmap_lock_acquire_returned",
                "mm=0xffff88810006d780 memcg_id=5051 write=true success=false");
        assertEquals(new MmapLockEvent(H, "acquire_returned", "0xffff88810006d780", 5051L, true,
                false), m);
    }

    @Test
    void mmapLockReleasedHasNoSuccess() {
        MmapLockEvent m = (MmapLockEvent) TracepointParsers.parse(H, "mmap_lock_released",
                "mm=0xffff88810006d780 memcg_id=5051 write=false");
        assertNull(m.success());
    }

    @Test
    void syscallEnterHasNamedHexArguments() {
        SyscallEvent s = (SyscallEvent) TracepointParsers.parse(H, "sys_enter_mmap",
                "addr: 0x00000000, len: 0x00002000, prot: 0x00000003, flags: 0x00000022, "
                        + "fd: 0xffffffff, off: 0x00000000");
        assertEquals("mmap", s.name());
        assertEquals(0x2000L, s.args().get("len"));
        assertEquals(0xffffffffL, s.args().get("fd"));
        assertEquals(6, s.args().size());
    }

    @Test
    void syscallExitNegativeReturnIsReadAsNegative() {
        SyscallEvent s = (SyscallEvent) TracepointParsers.parse(H, "sys_exit_madvise",
                "0xfffffffffffffff4");
        assertEquals(-12L, s.ret());
        assertEquals(Map.of(), s.args());
    }

    @Test
    void keyValuesSplitAtKeysNotAtBlanks() {
        assertEquals(Map.of("comm", "Web Content", "pid", "42"),
                KeyValues.parse("comm=Web Content pid=42"));
        assertEquals(Map.of(), KeyValues.parse("no pairs here"));
    }

    /**
     * mmap_lock's fast reading of blank-separated key=value tokens gives the general reading's
     * event, and leaves to it (null) what it does not read: a value with blanks (memcg_path of
     * older kernels), a token that is not key=value, a malformed number or flag.
     */
    @Test
    void mmapLockFastPathAgreesWithTheGeneralReadingAndLeavesTheRestToIt() {
        MmapLockParser p = new MmapLockParser("acquire_returned");
        for (String payload : new String[] {
            "mm=0xffff88813b2e0640 memcg_id=5219 write=true",
            "mm=0xffff88813b2e0640 memcg_id=5219 write=true success=true",
            "mm=0xffff88810006d780  memcg_id=5051 write=false success=false",
            "mm= memcg_id=1 write=0", "mm=a=b write=1", "mm=0x1 write=true other=x"}) {
            assertEquals(p.parseGeneral(H, payload), p.parseSimple(H, payload), payload);
        }
        for (String payload : new String[] {
            "mm=0xffff88810006d780 memcg_path=/user slice/x write=true",
            "mm=0x1 garbage write=true", "9x=1 mm=0x1 write=true", "mm=0x1 write=yes",
            "mm=0x1 memcg_id=-1 write=true", "memcg_id=1 write=true"}) {
            assertNull(p.parseSimple(H, payload), payload);
        }
    }
}
