package dev.ptrace.analyze.analysis.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.analysis.locks.model.LockKind;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitTrackerTest {
    private static final LockInfo RWSEM = new LockInfo(1, "0xa", "0xm", LockKind.RWSEM, "mmap_lock",
            null, null);
    private static final LockInfo SPIN = new LockInfo(2, "0xb", null, LockKind.SPINLOCK, null, null,
            null);
    private static final int READ = 2;
    private static final int WRITE = 4;
    private static final int SPIN_FLAG = 1;
    private static final int MUTEX = 32;

    private final List<WaitRow> out = new ArrayList<>();
    private final WaitTracker t = new WaitTracker(1, 0, out::add);

    @Test
    void spinlockWaitInsideAnRwsemWaitNamesItsEnclosingWait() throws SQLException {
        t.onSyscallEnter(5, "madvise");
        long outer = t.onBegin(10, 5, "w", RWSEM, READ, 100L);
        long inner = t.onBegin(12, 5, "w", SPIN, SPIN_FLAG, 101L);
        t.onEnd(13, 5, "w", SPIN, 0);
        t.onEnd(40, 5, "w", RWSEM, 0);
        assertEquals(List.of(inner, outer), out.stream().map(WaitRow::waitId).toList());
        assertEquals(outer, out.get(0).enclosingWaitId());
        assertEquals("madvise", out.get(1).syscall());
        assertEquals("read", out.get(1).mode());
        assertEquals(30, out.get(1).durationNs());
    }

    @Test
    void mutexThatSpinsThenSleepsIsOneWaitWithBothFlags() throws SQLException {
        long id = t.onBegin(10, 5, "w", SPIN, MUTEX | SPIN_FLAG, null);
        assertEquals(id, t.onBegin(15, 5, "w", SPIN, MUTEX, null));
        t.onEnd(20, 5, "w", SPIN, 0);
        assertEquals(1, out.size());
        assertEquals(MUTEX | SPIN_FLAG, out.get(0).flags());
        assertEquals(10, out.get(0).beginTs());
    }

    @Test
    void endWithoutBeginIsAWaitCutByTheStartOfTheTrace() throws SQLException {
        t.onEnd(20, 5, "w", RWSEM, 0);
        WaitRow w = out.get(0);
        assertEquals(0, w.beginTs());
        assertEquals(true, w.cutStart());
        assertEquals(null, w.mode());
    }

    @Test
    void beginWithoutEndIsAWaitCutByTheEndOfTheTrace() throws SQLException {
        t.onBegin(10, 5, "w", RWSEM, WRITE, null);
        t.finishAll(99);
        WaitRow w = out.get(0);
        assertEquals(99, w.endTs());
        assertEquals(true, w.cutEnd());
        assertEquals(null, w.acquired());
    }

    @Test
    void givenUpWaitIsNotAcquired() throws SQLException {
        t.onBegin(10, 5, "w", RWSEM, WRITE, null);
        t.onEnd(20, 5, "w", RWSEM, -4);
        assertEquals(false, out.get(0).acquired());
        assertEquals(-4, out.get(0).ret());
    }

    @Test
    void aWaitCutAtTheStartIsNumberedLikeAnyAndTheNextWaitGetsTheNextNumber() throws SQLException {
        WaitRow cut = t.onEnd(20, 5, "w", RWSEM, 0);
        assertEquals(List.of(cut), out);
        assertEquals(1, cut.waitId());
        assertEquals(true, cut.acquired());
        assertEquals(20, cut.durationNs());
        assertEquals(2, t.onBegin(30, 6, "v", SPIN, SPIN_FLAG, null));
        assertEquals(null, t.onEnd(40, 5, "w", SPIN, 0)); // 5 was seen: a lost begin, left out
    }

    @Test
    void theEndOfTheTraceCutsEachOpenWaitOnce() throws SQLException {
        long outer = t.onBegin(10, 5, "w", RWSEM, READ, null);
        long inner = t.onBegin(12, 5, "w", SPIN, SPIN_FLAG, null);
        assertEquals(List.of(inner, outer), t.finishAll(99).stream().map(WaitRow::waitId)
                .toList());
        assertEquals(List.of(), t.finishAll(100));
        assertEquals(2, out.size());
    }
}
