package dev.ptrace.analyze.analysis.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ptrace.analyze.analysis.locks.model.LockKind;
import dev.ptrace.analyze.event.Frame;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** user-lock-names.tsv's rules, on stacks as perf script prints them for glibc and the JVM. */
class UserLockNamesTest {
    private final UserLockNames names = UserLockNames.shipped();

    private static List<Frame> stack(String... symbols) {
        return Arrays.stream(symbols).map(s -> new Frame("1000", s, 0x2b, null)).toList();
    }

    @Test
    void glibcAliasPrefixIsIgnoredAndTheMutexIsAFutexLock() {
        LockNames.Name n = names.of(stack("__GI___lll_lock_wait", "start_thread"));
        assertEquals("pthread mutex", n.name());
        assertEquals(LockKind.FUTEX_LOCK, n.kind());
        assertEquals("__lll_lock_wait", n.function());
    }

    @Test
    void aSymbolVersionIsIgnoredAndTheSignallerNamesTheCondvarAnEvent() {
        LockNames.Name n = names.of(stack("pthread_cond_signal@@GLIBC_2.3.2", "producer"));
        assertEquals("pthread condvar", n.name());
        assertEquals(LockKind.FUTEX, n.kind());
    }

    @Test
    void theCallerRowNamesMallocsArenaLockApartFromOtherGlibcInternalLocks() {
        assertEquals("malloc arena lock",
                names.of(stack("__lll_lock_wait_private", "_int_free", "free")).name());
        assertEquals("glibc internal lock",
                names.of(stack("__lll_lock_wait_private", "_IO_fwrite", "main")).name());
    }

    @Test
    void cppArgumentsAreIgnored() {
        assertEquals("Java monitor",
                names.of(stack("ObjectMonitor::enter(JavaThread*)", "Runtime1::monitorenter"))
                        .name());
    }

    @Test
    void theSharedWaitFunctionAloneNamesNothing() {
        assertNull(names.of(stack("__futex_abstimed_wait_common")));
    }

    @Test
    void theCallerIsTheFirstFramePastTheLockFunctionsElseTheInnermost() {
        assertEquals("worker+0x2b", names.caller(stack("__GI___lll_lock_wait",
                "___pthread_mutex_lock", "worker", "start_thread")));
        assertEquals("__GI___lll_lock_wait+0x2b",
                names.caller(stack("__GI___lll_lock_wait")));
        assertEquals("Unknown", names.caller(List.of()));
    }
}
