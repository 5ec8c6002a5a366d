package dev.ptrace.analyze.analysis.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.testing.AnalysedTraces;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.testing.RawPerfScript;
import dev.ptrace.analyze.testing.RawPerfScript.Event;
import dev.ptrace.analyze.testing.RawPerfScript.Wait;
import dev.ptrace.analyze.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code perf bench sched messaging} recorded as a new user would (its default arguments: 400
 * processes forked, fed through sockets and reaped): its kernel locks named by the functions
 * that take them (lock-names.tsv), with no kallsyms. The capture is a perf script text without
 * its header, so the running kernel's symbols are never used (RunningKernel), whatever machine
 * runs the test. The facts each name rests on are read off the text itself (RawPerfScript).
 */
class SchedMessagingLockNamesTest {
    private static final Path TRACE = TestData.dir().resolve("captures")
            .resolve("perf-real-sched-messaging-default.txt.gz");
    private static List<Event> events;

    /** The capture's events read off its lines, once for the class. */
    private static synchronized List<Event> events() throws IOException {
        if (events == null) {
            events = RawPerfScript.events(TRACE);
        }
        return events;
    }

    /** The name, kind and name source the tool gave the lock at {@code addr}. */
    private static List<Object> lock(Database db, String addr) throws SQLException {
        List<List<Object>> r = AnalysedTraces.rows(db, "SELECT name, kind, name_source, mm FROM locks "
                + "WHERE lock_addr = '" + addr + "'");
        assertEquals(1, r.size(), addr);
        return r.get(0);
    }

    /** Whether the wait's stack shows {@code caller} calling {@code lockFunction}. */
    private static boolean calls(Wait w, String lockFunction, String caller) {
        int i = w.frames().indexOf(caller);
        return i > 0 && w.frames().get(i - 1).equals(lockFunction);
    }

    @Test
    void atLeastNinetyPercentOfItsKernelLockWaitingIsNamedWithoutKallsyms() throws Exception {
        List<Wait> raw = RawPerfScript.waits(events());
        long rawNs = raw.stream().mapToLong(Wait::ns).sum();
        try (Database db = AnalysedTraces.open(TRACE)) {
            // no perf header: neither the host nor the kernel release, so no kernel's symbols
            assertEquals(List.of(List.of(0L, 0L)), AnalysedTraces.rows(db, "SELECT count(*) FILTER "
                    + "(WHERE os_release IS NOT NULL OR hostname IS NOT NULL), (SELECT count(*) "
                    + "FROM locks WHERE name_source = 'kallsyms') FROM traces"));
            // every wait of the text, paired as perf pairs them, is in waits: the whole waiting
            List<List<Object>> waits = AnalysedTraces.rows(db, "SELECT count(*), sum(duration_ns)::BIGINT, "
                    + "sum(duration_ns) FILTER (WHERE l.name IS NOT NULL)::BIGINT FROM waits w "
                    + "JOIN locks l USING (trace_id, lock_id) WHERE NOT cut_start AND NOT cut_end");
            assertEquals(List.of((long) raw.size(), rawNs), waits.get(0).subList(0, 2));
            long named = (Long) waits.get(0).get(2);
            assertTrue(named >= 0.9 * rawNs, named + " of " + rawNs + " ns named");
        }
    }

    /**
     * fork's dup_mmap takes the parent's mmap_lock and the child's for write (both traced by
     * mmap_lock events), then, copying each VMA of a file, i_mmap_lock_write of the file
     * (inlined: dup_mmap calls down_write itself). A down_write wait under dup_mmap that
     * begins while its thread holds two mmap_locks for write is therefore not an mmap_lock:
     * it is the file's i_mmap_rwsem.
     */
    @Test
    void theRwsemDupMmapWaitsForHoldingBothMmapLocksIsTheFilesIMmapRwsem() throws Exception {
        List<Event> events = events();
        List<Wait> inDupMmap = RawPerfScript.waits(events).stream()
                .filter(w -> calls(w, "down_write", "dup_mmap")).toList();
        assertEquals(3, inDupMmap.size());
        try (Database db = AnalysedTraces.open(TRACE)) {
            for (Wait w : inDupMmap) {
                assertTrue(w.payload().endsWith("(flags=WRITE)"), w.payload());
                assertEquals(2, mmapLocksHeldForWrite(events, w.tid(), w.begin()), w.toString());
                assertEquals(List.of("i_mmap_rwsem", "rwsem", "caller dup_mmap"),
                        lock(db, w.lock()).subList(0, 3), w.lock());
                assertNull(lock(db, w.lock()).get(3), "not linked to an mm");
            }
        }
    }

    /** The mms {@code tid} holds for write at {@code ns}, by its mmap_lock events before then. */
    private static int mmapLocksHeldForWrite(List<Event> events, int tid, long ns) {
        Map<String, Integer> held = new HashMap<>();
        for (Event e : events) {
            if (e.ns() > ns) {
                break;
            }
            if (e.tid() != tid || !"true".equals(e.field("write"))) {
                continue;
            }
            if (e.name().endsWith("mmap_lock_acquire_returned")
                    && "true".equals(e.field("success"))) {
                held.merge(e.field("mm"), 1, Integer::sum);
            } else if (e.name().endsWith("mmap_lock_released")) {
                held.merge(e.field("mm"), -1, Integer::sum);
            }
        }
        return (int) held.values().stream().filter(n -> n > 0).count();
    }

    /**
     * Reaping a child (release_task, write) and waiting for one (__do_wait, read) take the
     * same rwlock, a global variable (an address in the kernel image, not in the direct map of
     * the heap): tasklist_lock.
     */
    @Test
    void theRwlockReleaseTaskAndDoWaitTakeIsTheOneGlobalTasklistLock() throws Exception {
        List<Wait> raw = RawPerfScript.waits(events());
        List<Wait> reaping = raw.stream()
                .filter(w -> calls(w, "queued_write_lock_slowpath", "release_task")).toList();
        List<Wait> waiting = raw.stream()
                .filter(w -> calls(w, "queued_read_lock_slowpath", "__do_wait")).toList();
        assertFalse(reaping.isEmpty());
        assertFalse(waiting.isEmpty());
        Set<String> addrs = new TreeSet<>();
        reaping.forEach(w -> {
            assertTrue(w.payload().endsWith("(flags=SPIN|WRITE)"), w.payload());
            addrs.add(w.lock());
        });
        waiting.forEach(w -> {
            assertTrue(w.payload().endsWith("(flags=SPIN|READ)"), w.payload());
            addrs.add(w.lock());
        });
        assertEquals(1, addrs.size(), addrs.toString());
        String addr = addrs.iterator().next();
        assertTrue(addr.startsWith("0xffffffff8"), addr);
        try (Database db = AnalysedTraces.open(TRACE)) {
            List<Object> l = lock(db, addr);
            assertEquals("tasklist_lock", l.get(0));
            assertEquals("rwlock", l.get(1));
        }
    }
}
