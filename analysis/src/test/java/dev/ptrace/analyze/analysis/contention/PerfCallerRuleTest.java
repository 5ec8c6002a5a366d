package dev.ptrace.analyze.analysis.contention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ptrace.analyze.event.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** perf's caller rule on real stacks from the shared traces. */
class PerfCallerRuleTest {
    private static final PerfCallerRule PERF = new PerfCallerRule(3, 8, LockFunctions.shipped());

    private static Frame k(String ip, String symbol, long offset) {
        return new Frame(ip, symbol, offset, "[kernel.kallsyms]");
    }

    private static final List<Frame> MMAP_WRITER = List.of(
            k("ffffffff8226a37c", "rwsem_down_write_slowpath", 0x3cc),
            k("ffffffff8226a7ac", "down_write_killable", 0x5c),
            k("ffffffff815d0f99", "vm_mmap_pgoff", 0xe9),
            k("ffffffff82259cc1", "do_syscall_64", 0x71),
            k("ffffffff81000130", "entry_SYSCALL_64_after_hwframe", 0x76),
            new Frame("1019b3", "__mmap", 0x13, "/usr/lib/x86_64-linux-gnu/libc.so.6"));

    @Test
    void callerIsTheFourthFrameAfterSkippingThree() {
        assertEquals("do_syscall_64+0x71", PERF.caller(MMAP_WRITER));
    }

    @Test
    void lockAndSchedulerFunctionsAfterTheSkipAreSkippedToo() {
        List<Frame> inSchedule = List.of(
                k("ffffffff8226e8be", "__pv_queued_spin_lock_slowpath", 0x10e),
                k("ffffffff8226e24b", "_raw_spin_lock", 0x3b),
                k("ffffffff813b4000", "raw_spin_rq_lock_nested", 0x1c),
                k("ffffffff82265488", "__schedule", 0x628),
                k("ffffffff82265df3", "schedule", 0x23),
                k("ffffffff822660a1", "schedule_preempt_disabled", 0x11),
                k("ffffffff8226a1cd", "rwsem_down_write_slowpath", 0x21d),
                k("ffffffff8160f709", "do_mprotect_pkey", 0x159));
        assertEquals("do_mprotect_pkey+0x159", PERF.caller(inSchedule));
    }

    @Test
    void noCallerWithinMaxStackIsUnknown() {
        List<Frame> frames = new ArrayList<>(MMAP_WRITER.subList(0, 3));
        frames.add(new Frame("7f58590f2ad7", null, 0, null));
        assertEquals(PerfCallerRule.UNKNOWN, PERF.caller(frames));
        assertEquals(PerfCallerRule.UNKNOWN,
                new PerfCallerRule(3, 3, LockFunctions.shipped()).caller(MMAP_WRITER));
    }

    /* perf copies the name into a buffer of 128 bytes: 127 characters and the NUL at most. */
    @Test
    void aCallerNameOfMoreThanAHundredAndTwentySevenCharactersIsCutAt127() {
        for (int length : new int[] {127, 128}) {
            List<Frame> frames = new ArrayList<>(MMAP_WRITER.subList(0, 3));
            frames.add(k("ffffffff8135f000", "f".repeat(length), 0));
            assertEquals("f".repeat(127), PERF.caller(frames), "a name of " + length);
        }
    }

    /* A lock function past the skipped frames is not part of the row's key, as in perf. */
    @Test
    void aLockFunctionPastTheSkipDoesNotSplitTheRow() {
        List<Frame> withLockFrame = new ArrayList<>(MMAP_WRITER.subList(0, 3));
        withLockFrame.add(k("ffffffff8226e24b", "_raw_spin_lock", 0x3b));
        withLockFrame.addAll(MMAP_WRITER.subList(3, MMAP_WRITER.size()));
        assertEquals(PERF.key(MMAP_WRITER), PERF.key(withLockFrame));
        assertEquals(PERF.caller(MMAP_WRITER), PERF.caller(withLockFrame));
    }

    @Test
    void zeroOffsetIsPrintedWithoutPlus() {
        List<Frame> frames = new ArrayList<>(MMAP_WRITER.subList(0, 3));
        frames.add(k("ffffffff8135f000", "kernel_clone", 0));
        assertEquals("kernel_clone", PERF.caller(frames));
    }

    @Test
    void stackSkipIsAnOption() {
        assertEquals("vm_mmap_pgoff+0xe9",
                new PerfCallerRule(2, 8, LockFunctions.shipped()).caller(MMAP_WRITER));
    }

    @Test
    void keyDependsOnlyOnFramesAfterTheSkip() {
        List<Frame> otherLeaf = new ArrayList<>(MMAP_WRITER);
        otherLeaf.set(0, k("ffffffff8226a100", "rwsem_down_write_slowpath", 0x100));
        assertEquals(PERF.key(MMAP_WRITER), PERF.key(otherLeaf));
        List<Frame> otherCaller = new ArrayList<>(MMAP_WRITER);
        otherCaller.set(4, k("ffffffff81000140", "entry_SYSCALL_64_after_hwframe", 0x86));
        assertNotEquals(PERF.key(MMAP_WRITER), PERF.key(otherCaller));
    }

    @Test
    void typeNamesFollowPerf() {
        assertEquals("spinlock", LockTypes.name(1));
        assertEquals("rwlock:R", LockTypes.name(3));
        assertEquals("rwsem:W", LockTypes.name(4));
        assertEquals("pcpu-sem:R", LockTypes.name(2 | 16));
        assertEquals("mutex", LockTypes.name(32 | 1));
        assertEquals("semaphore", LockTypes.name(0));
        assertEquals("unknown", LockTypes.name(64));
    }
}
