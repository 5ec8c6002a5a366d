package dev.ptrace.analyze.analysis.scenarios;

import static dev.ptrace.analyze.analysis.scenarios.HandTraces.assertSays;
import static dev.ptrace.analyze.analysis.scenarios.HandTraces.findings;
import static dev.ptrace.analyze.analysis.scenarios.HandTraces.row;
import static dev.ptrace.analyze.analysis.scenarios.HandTraces.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import dev.ptrace.analyze.analysis.causes.CauseTaxonomy;
import dev.ptrace.analyze.analysis.chains.Attribution;
import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.ChainWait;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.chains.InversionFinder;
import dev.ptrace.analyze.analysis.chains.WaitChainBuilder;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.scenarios.HandTraces.Ingested;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small perf script traces written by hand, one scenario each (docs/design.md), whose answers
 * are worked out by hand from the events and the lock semantics in the comment above the
 * assertions, never copied from the tool's output. Times in the comments are microseconds
 * after the scenario's base time (T0); the assertions are in nanoseconds, as the tables are.
 * Threads on one CPU run until the trace switches them out; a thread's own event says it runs.
 */
class HandWrittenScenariosTest {
    @TempDir
    Path dir;

    // ---------------------------------------------------------------------------------------
    // 1. The rwsem convoy: a preempted reader, a queued writer, a reader behind the writer.
    // ---------------------------------------------------------------------------------------

    private static final long T1 = 100_000_000_000L;

    /*
     * mm 0xffff888100070000; its rwsem (inside the mm) is the contended 0xffff8881000700b8.
     * gc 101 (cpu 0) takes mmap_lock for read in madvise at 110 and is preempted (R+) by
     * hog 104 at 1000. mapper 102 (cpu 1, munmap) queues for write at 2020 and sleeps (D);
     * faulter 103 (cpu 1, a page fault) queues for read at 3010: the lock is only read-held,
     * but a writer is queued ahead, so the reader must wait too. gc runs again at 10000,
     * releases at 10500 and wakes mapper (10510), which gets cpu 1 at 10600, has the lock at
     * 10610, releases at 11000 and wakes faulter (11010); faulter runs at 11030, in at 11040.
     */
    private static final String CONVOY = """
            gc 101 [000] 100.000050: syscalls:sys_enter_madvise: start: 0x7f0000000000, \
            len_in: 0x00200000, behavior: 0x00000017
            gc 101 [000] 100.000100: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100070000 memcg_id=1 write=false
            gc 101 [000] 100.000110: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100070000 memcg_id=1 write=false success=true
            gc 101 [000] 100.001000: sched:sched_switch: prev_comm=gc prev_pid=101 \
            prev_prio=120 prev_state=R+ ==> next_comm=hog next_pid=104 next_prio=120
            mapper 102 [001] 100.002000: syscalls:sys_enter_munmap: addr: 0x7f1000000000, \
            len: 0x00100000
            mapper 102 [001] 100.002010: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100070000 memcg_id=1 write=true
            mapper 102 [001] 100.002020: lock:contention_begin: 0xffff8881000700b8 (flags=WRITE)
            mapper 102 [001] 100.002030: sched:sched_switch: prev_comm=mapper prev_pid=102 \
            prev_prio=120 prev_state=D ==> next_comm=faulter next_pid=103 next_prio=120
            faulter 103 [001] 100.003000: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100070000 memcg_id=1 write=false
            faulter 103 [001] 100.003010: lock:contention_begin: 0xffff8881000700b8 (flags=READ)
            \tffffffff8226a0d0 rwsem_down_read_slowpath+0x2a0 ([kernel.kallsyms])
            \tffffffff8226a5c0 down_read+0x50 ([kernel.kallsyms])
            \tffffffff815f5a00 lock_mm_and_find_vma+0x40 ([kernel.kallsyms])
            \tffffffff81234560 do_user_addr_fault+0x1c0 ([kernel.kallsyms])
            \tffffffff82260a10 exc_page_fault+0x70 ([kernel.kallsyms])
            \tffffffff81001260 asm_exc_page_fault+0x26 ([kernel.kallsyms])
            \t    55d0c0de1234 [unknown] (/tmp/wl/wl)

            faulter 103 [001] 100.003020: sched:sched_switch: prev_comm=faulter prev_pid=103 \
            prev_prio=120 prev_state=D ==> next_comm=swapper/1 next_pid=0 next_prio=120
            hog 104 [000] 100.010000: sched:sched_switch: prev_comm=hog prev_pid=104 \
            prev_prio=120 prev_state=R ==> next_comm=gc next_pid=101 next_prio=120
            gc 101 [000] 100.010500: mmap_lock:mmap_lock_released: \
            mm=0xffff888100070000 memcg_id=1 write=false
            gc 101 [000] 100.010510: sched:sched_waking: comm=mapper pid=102 prio=120 \
            target_cpu=001
            gc 101 [000] 100.010520: syscalls:sys_exit_madvise: 0x0
            swapper 0 [001] 100.010600: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=mapper next_pid=102 next_prio=120
            mapper 102 [001] 100.010610: lock:contention_end: 0xffff8881000700b8 (ret=0)
            mapper 102 [001] 100.010610: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100070000 memcg_id=1 write=true success=true
            mapper 102 [001] 100.011000: mmap_lock:mmap_lock_released: \
            mm=0xffff888100070000 memcg_id=1 write=true
            mapper 102 [001] 100.011010: sched:sched_waking: comm=faulter pid=103 prio=120 \
            target_cpu=001
            mapper 102 [001] 100.011020: syscalls:sys_exit_munmap: 0x0
            mapper 102 [001] 100.011030: sched:sched_switch: prev_comm=mapper prev_pid=102 \
            prev_prio=120 prev_state=S ==> next_comm=faulter next_pid=103 next_prio=120
            faulter 103 [001] 100.011040: lock:contention_end: 0xffff8881000700b8 (ret=0)
            faulter 103 [001] 100.011040: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100070000 memcg_id=1 write=false success=true
            faulter 103 [001] 100.011100: mmap_lock:mmap_lock_released: \
            mm=0xffff888100070000 memcg_id=1 write=false
            """;

    /*
     * Waits (contention_begin to _end): mapper 2020..10610 = 8590 (write, in munmap);
     * faulter 3010..11040 = 8030 (read, no syscall: a fault). The lock is the mm's mmap_lock
     * (linked by mapper's contention between its start_locking and acquire), 2 waits, 16620.
     * Holds, exact from the mmap_lock events, ids in the order they begin: 1 gc read
     * 110..10500 (10390), 2 mapper write 10610..11000 (390), 3 faulter read 11040..11100 (60).
     */
    @Test
    void convoyWaitsAndHoldsAreTheOnesTheMmapLockEventsShow() throws Exception {
        try (Ingested db = ingest("convoy", CONVOY)) {
            assertEquals(List.of(row(1L, "0xffff8881000700b8", "0xffff888100070000", "rwsem",
                    "mmap_lock", 2L, 16_620_000L)), rows(db, "SELECT lock_id, lock_addr, mm, "
                    + "kind, name, waits, wait_ns FROM locks"));
            assertEquals(List.of(
                    row(1L, 102, "rwsem:W", "write", 2_020_000L, 10_610_000L, 8_590_000L, true,
                            "munmap"),
                    row(2L, 103, "rwsem:R", "read", 3_010_000L, 11_040_000L, 8_030_000L, true,
                            null)),
                    rows(db, "SELECT wait_id, tid, lock_type, mode, begin_ts - " + T1
                            + ", end_ts - " + T1 + ", duration_ns, acquired, syscall "
                            + "FROM waits ORDER BY wait_id"));
            assertEquals(List.of(
                    row(1L, 101, "read", 110_000L, 10_500_000L, 10_390_000L, true, "released"),
                    row(2L, 102, "write", 10_610_000L, 11_000_000L, 390_000L, true, "released"),
                    row(3L, 103, "read", 11_040_000L, 11_100_000L, 60_000L, true, "released")),
                    rows(db, "SELECT hold_id, tid, mode, begin_ts - " + T1 + ", end_ts - " + T1
                            + ", duration_ns, exact, end_evidence FROM holds ORDER BY hold_id"));
        }
    }

    /*
     * The convoy's trace cut at 3020, while mapper (since 2020) and faulter (since 3010) still
     * wait: both waits end at the trace's last event, cut_end, acquired and ret NULL (the
     * trace does not say); gc's hold of the lock, taken at 110, is cut there too.
     */
    @Test
    void waitsTheTraceEndsInsideAreKeptCutWithAcquiredUnknown() throws Exception {
        String cut = CONVOY.substring(0, CONVOY.indexOf("hog 104 [000] 100.010000"));
        try (Ingested db = ingest("convoy-cut", cut)) {
            assertEquals(List.of(
                    row(1L, 102, 2_020_000L, 3_020_000L, 1_000_000L, null, null, false, true),
                    row(2L, 103, 3_010_000L, 3_020_000L, 10_000L, null, null, false, true)),
                    rows(db, "SELECT wait_id, tid, begin_ts - " + T1 + ", end_ts - " + T1
                            + ", duration_ns, acquired, ret, cut_start, cut_end FROM waits"
                            + " ORDER BY wait_id"));
            assertEquals(List.of(row(101, 110_000L, 3_020_000L, "trace end")),
                    rows(db, "SELECT tid, begin_ts - " + T1 + ", end_ts - " + T1
                            + ", end_evidence FROM holds"));
        }
    }

    /*
     * Blame, piece by piece (blocker, relation, its state, the wait it was in, hold):
     * mapper (wait 1) waits for the holder gc: preempted 2020..10000 (7980), running
     * 10000..10500 (500, hold 1); from the release the free lock is handed to mapper itself,
     * first in the queue: blocked 10500..10510, runnable (woken) ..10600, running ..10610.
     * faulter (wait 2) waits for the writer queued ahead, mapper (in wait 1): blocked
     * 3010..10510 (7500), runnable ..10600 (90), running ..10610 (10); then for mapper
     * holding for write 10610..11000 (390, hold 2); then for its own wakeup: blocked
     * 11000..11010, runnable ..11030, running ..11040. Each wait's pieces add up to it.
     */
    @Test
    void readerQueuedBehindWriterIsBlamedOnThePreemptedReaderThroughTheWriter()
            throws Exception {
        try (Ingested db = ingest("convoy", CONVOY)) {
            assertEquals(List.of(
                    row(1L, 101, "holder", "preempted", null, 2_020_000L, 10_000_000L,
                            7_980_000L, 1L),
                    row(1L, 101, "holder", "running", null, 10_000_000L, 10_500_000L,
                            500_000L, 1L),
                    row(1L, 102, "handoff", "blocked", 1L, 10_500_000L, 10_510_000L,
                            10_000L, null),
                    row(1L, 102, "handoff", "runnable", 1L, 10_510_000L, 10_600_000L,
                            90_000L, null),
                    row(1L, 102, "handoff", "running", 1L, 10_600_000L, 10_610_000L,
                            10_000L, null),
                    row(2L, 102, "queued ahead", "blocked", 1L, 3_010_000L, 10_510_000L,
                            7_500_000L, null),
                    row(2L, 102, "queued ahead", "runnable", 1L, 10_510_000L, 10_600_000L,
                            90_000L, null),
                    row(2L, 102, "queued ahead", "running", 1L, 10_600_000L, 10_610_000L,
                            10_000L, null),
                    row(2L, 102, "holder", "running", null, 10_610_000L, 11_000_000L,
                            390_000L, 2L),
                    row(2L, 103, "handoff", "blocked", 2L, 11_000_000L, 11_010_000L,
                            10_000L, null),
                    row(2L, 103, "handoff", "runnable", 2L, 11_010_000L, 11_030_000L,
                            20_000L, null),
                    row(2L, 103, "handoff", "running", 2L, 11_030_000L, 11_040_000L,
                            10_000L, null)),
                    rows(db, "SELECT wait_id, blocker_tid, relation, blocker_state, "
                            + "blocker_wait_id, begin_ts - " + T1 + ", end_ts - " + T1
                            + ", blamed_ns, hold_id FROM blame ORDER BY wait_id, begin_ts"));
        }
    }

    /*
     * The chain: each wait traced through the blame to a thread that was not waiting.
     * mapper: 8480 to gc (7980 of it while gc was off CPU), 110 to its own wakeup.
     * faulter: through mapper's wait 3010..10510 it reaches gc for 6990 (preempted) + 500
     * (running) = 7490, and mapper's handoff for 10; the rest (90 + 10 + 390 + 40) is
     * mapper's or its own. Both go to gc, whose waiting is the larger part of each: one chain
     * rooted at gc, 2020..11040, mapper under gc, faulter under mapper (the wait it waited for
     * most). The chain's total is the waiting traced to gc, 8480 + 7490 = 15970, of which
     * 7980 + 6990 = 14970 while gc was off CPU; it is less than the sum of the two waits
     * (16620) by the 650 that were the writer's hold and the wakeups, not gc's doing.
     * gc over the chain: preempted 2020..10000 (7980), running 10000..11040 (1040).
     */
    @Test
    void convoyIsOneChainRootedAtThePreemptedReaderWithTheReaderUnderTheWriter()
            throws Exception {
        try (Ingested db = ingest("convoy", CONVOY)) {
            List<Chain> chains = WaitChainBuilder.build(db.connection(), 1);
            assertEquals(1, chains.size());
            Chain c = chains.get(0);
            assertEquals(List.of(101, "gc", 120, "mmap_lock", 2_020_000L, 11_040_000L,
                    15_970_000L, 14_970_000L, 2), List.of(c.tid(), c.comm(), c.prio(),
                    c.lockName(), c.begin() - T1, c.end() - T1, c.waitNs(), c.rootOffCpuNs(),
                    c.waiters()));
            assertEquals(Map.of("preempted", 7_980_000L, "running", 1_040_000L),
                    c.rootStates());
            assertEquals("[102 write <- 101 holder root 8480000 off 7980000 "
                    + "[103 read <- 102 queued ahead root 7490000 off 6990000 []]]",
                    tree(c.waits()));
        }
    }

    /*
     * Where the waiting went: each wait's time traced to a root, given to what the root held
     * the lock for (gc took it in madvise; mapper in munmap), or 'handoff' when the root held
     * nothing yet (the lock on its way to a waiter); the waiter's side is its syscall or, for
     * faulter, its stack (do_user_addr_fault: page fault).
     * munmap waiter: 8480 madvise, 110 handoff. page fault waiter: 7490 madvise, 390 munmap,
     * handoff 10 + 90 + 10 (mapper not holding yet) + 40 (its own) = 150. Total 16620.
     */
    @Test
    void convoyWaitingGoesToTheMadviseHoldExceptTheWritersOwnHoldAndTheHandoffs()
            throws Exception {
        try (Ingested db = ingest("convoy", CONVOY)) {
            List<Attribution.Cell> cells = Attribution.of(db.connection(), 1,
                    new CauseClassifier(CauseTaxonomy.shipped()));
            assertEquals(List.of(
                    new Attribution.Cell("mmap_lock", "munmap", "madvise", 8_480_000L),
                    new Attribution.Cell("mmap_lock", "page fault", "madvise", 7_490_000L),
                    new Attribution.Cell("mmap_lock", "page fault", "munmap", 390_000L),
                    new Attribution.Cell("mmap_lock", "page fault", "handoff", 150_000L),
                    new Attribution.Cell("mmap_lock", "munmap", "handoff", 110_000L)), cells);
        }
    }

    /** The convoy with its madvise advice changed, and perf's header naming a kernel. */
    private static String convoyWith(int advice, String kernel) {
        return "# ========\n# os release : " + kernel + "\n# ========\n"
                + CONVOY.replace("behavior: 0x00000017", "behavior: 0x0000000" + advice);
    }

    /*
     * gc's madvise hold, 110..10500 = 10.39 ms, of a 2 MiB range (len_in 0x200000), on CPU
     * 110..1000 and 10000..10500: 1.39 ms. A piece may take 10 ms: 2 MiB x 10 / 1.39 = 15.09
     * MB, 8 MiB as a power of two, more than the range. Pieces change nothing; the hold was
     * long because gc was preempted. Blamed on it: 8.48 ms (mapper's wait, the attribution
     * above). MADV_POPULATE_WRITE (0x17) has no per-VMA kernel: nothing saved. MADV_DONTNEED
     * (4) takes only the VMA's lock from 6.17: on 6.12 the 8.48 ms goes away; on 6.18 the
     * trace's hold was the fallback, and nothing is predicted.
     */
    @Test
    void madviseHoldLongOnlyForItsPreemptionIsNotSplitAndPerVmaKernelsSaveItsWaiting()
            throws Exception {
        String title = "held mmap_lock for up to 10.39 ms (1 holds, 2 MiB each): other threads "
                + "waited 8.48 ms behind it (1 waits)";
        List<String> evidence = List.of("1 holds by gc 101, the longest 10.39 ms, 10.39 ms in all",
                "1 waits of other threads blamed on them: 8.48 ms");
        String onePiece = "Pieces would not shorten these holds: the holder ran 1.39 ms on the "
                + "whole range, within the 10.00 ms a piece may take, and was off CPU for the rest"
                + " of the hold.";
        String keepOnCpu = "Keep gc 101 on CPU while it holds mmap_lock (a better priority than "
                + "the threads that share its CPU, or fewer of them): the work itself is short.";
        try (Ingested db = ingest("convoy", CONVOY)) {
            Finding f = longHold(db);
            assertSays(f, "madvise(MADV_POPULATE_WRITE) (gc 101) " + title, evidence, onePiece);
            assertEquals(0L, f.savedNs());
            assertEquals(List.of(keepOnCpu), f.recommendations());
            assertEquals(List.of("This trace: 1 MADV_POPULATE_WRITE calls, 1 of them took "
                    + "mmap_lock (the trace does not say its kernel release: perf script --header"
                    + " does)."), f.notes());
            assertEquals(Map.of("holder_tid", 101L, "holds", 1L, "longest_hold_ns", 10_390_000L,
                    "blamed_ns", 8_480_000L, "waits", 1L, "range_bytes", 2_097_152L),
                    f.figures());
        }
        try (Ingested db = ingest("convoy-6.12", convoyWith(4, "6.12.0"))) {
            Finding f = longHold(db);
            assertSays(f, "madvise(MADV_DONTNEED) (gc 101) " + title, evidence, onePiece
                    + " On Linux 6.17 and later MADV_DONTNEED takes only the VMA's lock: the "
                    + "8.48 ms of waiting behind these holds goes away.");
            assertEquals(8_480_000L, f.savedNs());
            assertEquals(List.of("Move to Linux 6.17 or later, where MADV_DONTNEED takes the "
                    + "VMA's lock instead of mmap_lock.", keepOnCpu), f.recommendations());
            assertEquals(List.of("This trace: 1 MADV_DONTNEED calls, 1 of them took mmap_lock; "
                    + "kernel 6.12 takes mmap_lock for it."), f.notes());
        }
        try (Ingested db = ingest("convoy-6.18", convoyWith(4, "6.18.3"))) {
            Finding f = longHold(db);
            assertSays(f, "madvise(MADV_DONTNEED) (gc 101) " + title, evidence, onePiece);
            assertEquals(0L, f.savedNs());
            assertEquals(List.of("This trace: 1 MADV_DONTNEED calls, 1 of them took mmap_lock; "
                    + "kernel 6.18 takes the VMA's lock for it and mmap_lock only as a fallback "
                    + "(a range over several VMAs, a contended VMA lock)."), f.notes());
        }
    }

    private static Finding longHold(Ingested db) throws SQLException {
        List<Finding> found = findings(db, "long-hold");
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    // ---------------------------------------------------------------------------------------
    // 2. A queued spinlock handed first come, first served among three waiters.
    // ---------------------------------------------------------------------------------------

    private static final long T2 = 200_000_000_000L;

    private static final String ZONE_LOCK_STACK = """
            \tffffffff8226e8be __pv_queued_spin_lock_slowpath+0x10e ([kernel.kallsyms])
            \tffffffff8226db4d _raw_spin_lock_irqsave+0x4d ([kernel.kallsyms])
            \tffffffff815b1234 rmqueue_bulk+0x64 ([kernel.kallsyms])
            \tffffffff815b2345 get_page_from_freelist+0x2f5 ([kernel.kallsyms])
            \tffffffff815b3456 __alloc_pages_noprof+0x176 ([kernel.kallsyms])

            """;

    /*
     * Three threads on three CPUs spin for one zone lock (taken in rmqueue_bulk) at 1000,
     * 1010 and 1020 and get it in that order at 2000, 2600 and 3300; the last leaves its CPU
     * at 3400. Who had the lock before 1000 the trace does not say.
     */
    private static final String SPINLOCK = """
            alloc-a 201 [000] 200.001000: lock:contention_begin: 0xffff88813fc2d540 (flags=SPIN)
            """ + ZONE_LOCK_STACK + """
            alloc-b 202 [001] 200.001010: lock:contention_begin: 0xffff88813fc2d540 (flags=SPIN)
            """ + ZONE_LOCK_STACK + """
            alloc-c 203 [002] 200.001020: lock:contention_begin: 0xffff88813fc2d540 (flags=SPIN)
            """ + ZONE_LOCK_STACK + """
            alloc-a 201 [000] 200.002000: lock:contention_end: 0xffff88813fc2d540 (ret=0)
            alloc-b 202 [001] 200.002600: lock:contention_end: 0xffff88813fc2d540 (ret=0)
            alloc-c 203 [002] 200.003300: lock:contention_end: 0xffff88813fc2d540 (ret=0)
            alloc-c 203 [002] 200.003400: sched:sched_switch: prev_comm=alloc-c prev_pid=203 \
            prev_prio=120 prev_state=S ==> next_comm=swapper/2 next_pid=0 next_prio=120
            """;

    /*
     * Waits: a 1000..2000 (1000), b 1010..2600 (1590), c 1020..3300 (2280); 4870 in all on
     * the 'zone lock' (named by its caller rmqueue_bulk).
     * Holds, inferred (a waiter that got the lock holds it until the next one takes it):
     * a 2000..2600, b 2600..3300 (handoff each); c takes it at 3300 with nobody waiting, and
     * no release event shows when it let go: its end is unseen, end_ts its begin 3300, and
     * the latest it can have let go 3400 (switched out: no spinlock is held across a switch).
     * Blame: a waits for a holder the trace does not show (unknown, no blocker). b waits for
     * a, queued ahead of it and spinning (running, in wait 1), 1010..2000 (990), then for a
     * holding it 2000..2600 (600, hold 1). c waits for b, the waiter just ahead (in wait 2),
     * 1020..2000 (980), then for the holders in turn: a 2000..2600 (600, hold 1), b
     * 2600..3300 (700, hold 2).
     */
    @Test
    void spinlockHandedFirstComeFirstServedBlamesEachWaiterOnTheOneAheadThenTheHolder()
            throws Exception {
        try (Ingested db = ingest("spinlock", SPINLOCK)) {
            assertEquals(List.of(row(1L, "spinlock", "zone lock", "caller rmqueue_bulk", 3L,
                    4_870_000L)), rows(db, "SELECT lock_id, kind, name, name_source, waits, "
                    + "wait_ns FROM locks"));
            assertEquals(List.of(
                    row(1L, 201, "spinlock", 1_000_000L, 2_000_000L, 1_000_000L),
                    row(2L, 202, "spinlock", 1_010_000L, 2_600_000L, 1_590_000L),
                    row(3L, 203, "spinlock", 1_020_000L, 3_300_000L, 2_280_000L)),
                    rows(db, "SELECT wait_id, tid, lock_type, begin_ts - " + T2 + ", end_ts - "
                            + T2 + ", duration_ns FROM waits ORDER BY wait_id"));
            assertEquals(List.of(
                    row(1L, 201, "exclusive", 2_000_000L, 2_600_000L, false, "handoff"),
                    row(2L, 202, "exclusive", 2_600_000L, 3_300_000L, false, "handoff"),
                    row(3L, 203, "exclusive", 3_300_000L, 3_300_000L, false, "switched out")),
                    rows(db, "SELECT hold_id, tid, mode, begin_ts - " + T2 + ", end_ts - " + T2
                            + ", exact, end_evidence FROM holds ORDER BY hold_id"));
            assertEquals(List.of(row(2_600_000L), row(3_300_000L), row(3_400_000L)),
                    rows(db, "SELECT end_by_ts - " + T2 + " FROM holds ORDER BY hold_id"));
            assertEquals(List.of(
                    row(1L, null, "unknown", null, null, 1_000_000L, 2_000_000L, 1_000_000L,
                            null),
                    row(2L, 201, "queued ahead", "running", 1L, 1_010_000L, 2_000_000L,
                            990_000L, null),
                    row(2L, 201, "holder", "running", null, 2_000_000L, 2_600_000L, 600_000L,
                            1L),
                    row(3L, 202, "queued ahead", "running", 2L, 1_020_000L, 2_000_000L,
                            980_000L, null),
                    row(3L, 201, "holder", "running", null, 2_000_000L, 2_600_000L, 600_000L,
                            1L),
                    row(3L, 202, "holder", "running", null, 2_600_000L, 3_300_000L, 700_000L,
                            2L)),
                    rows(db, "SELECT wait_id, blocker_tid, relation, blocker_state, "
                            + "blocker_wait_id, begin_ts - " + T2 + ", end_ts - " + T2
                            + ", blamed_ns, hold_id FROM blame ORDER BY wait_id, begin_ts"));
        }
    }

    // ---------------------------------------------------------------------------------------
    // 3. A holder that is itself waiting: three threads, two locks.
    // ---------------------------------------------------------------------------------------

    private static final long T3 = 300_000_000_000L;

    /*
     * unmapper 303 (cpu 0) holds mmap_lock for write in munmap from 120 to 5000 and stays on
     * CPU. writer-b 302 (cpu 1), in write(), takes a mutex (0xffff888104a1c0a0) at 320 after
     * a short wait, then faults while holding it: it waits for mmap_lock (read) from 1010 and
     * sleeps. writer-a 301 (cpu 2), in write(), waits for the mutex from 2010 and sleeps.
     * unmapper releases at 5000 and wakes writer-b (5002); writer-b runs at 5020, has
     * mmap_lock at 5030 (released 5100), unlocks the mutex and wakes writer-a (5200);
     * writer-a runs at 5210 and has the mutex at 5220.
     */
    private static final String NESTED = """
            unmapper 303 [000] 300.000100: syscalls:sys_enter_munmap: addr: 0x7f2000000000, \
            len: 0x40000000
            unmapper 303 [000] 300.000110: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100080000 memcg_id=1 write=true
            unmapper 303 [000] 300.000120: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100080000 memcg_id=1 write=true success=true
            writer-b 302 [001] 300.000200: syscalls:sys_enter_write: fd: 0x00000003, \
            buf: 0x7f3000000000, count: 0x00001000
            writer-b 302 [001] 300.000300: lock:contention_begin: 0xffff888104a1c0a0 (flags=MUTEX)
            writer-b 302 [001] 300.000320: lock:contention_end: 0xffff888104a1c0a0 (ret=0)
            writer-b 302 [001] 300.001000: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100080000 memcg_id=1 write=false
            writer-b 302 [001] 300.001010: lock:contention_begin: 0xffff8881000800b8 (flags=READ)
            writer-b 302 [001] 300.001020: sched:sched_switch: prev_comm=writer-b prev_pid=302 \
            prev_prio=120 prev_state=D ==> next_comm=swapper/1 next_pid=0 next_prio=120
            writer-a 301 [002] 300.002000: syscalls:sys_enter_write: fd: 0x00000003, \
            buf: 0x7f3000100000, count: 0x00001000
            writer-a 301 [002] 300.002010: lock:contention_begin: 0xffff888104a1c0a0 (flags=MUTEX)
            writer-a 301 [002] 300.002020: sched:sched_switch: prev_comm=writer-a prev_pid=301 \
            prev_prio=120 prev_state=D ==> next_comm=swapper/2 next_pid=0 next_prio=120
            unmapper 303 [000] 300.005000: mmap_lock:mmap_lock_released: \
            mm=0xffff888100080000 memcg_id=1 write=true
            unmapper 303 [000] 300.005002: sched:sched_waking: comm=writer-b pid=302 prio=120 \
            target_cpu=001
            unmapper 303 [000] 300.005010: syscalls:sys_exit_munmap: 0x0
            swapper 0 [001] 300.005020: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=writer-b next_pid=302 next_prio=120
            writer-b 302 [001] 300.005030: lock:contention_end: 0xffff8881000800b8 (ret=0)
            writer-b 302 [001] 300.005030: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100080000 memcg_id=1 write=false success=true
            writer-b 302 [001] 300.005100: mmap_lock:mmap_lock_released: \
            mm=0xffff888100080000 memcg_id=1 write=false
            writer-b 302 [001] 300.005200: sched:sched_waking: comm=writer-a pid=301 prio=120 \
            target_cpu=002
            swapper 0 [002] 300.005210: sched:sched_switch: prev_comm=swapper/2 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=writer-a next_pid=301 next_prio=120
            writer-a 301 [002] 300.005220: lock:contention_end: 0xffff888104a1c0a0 (ret=0)
            writer-b 302 [001] 300.005300: syscalls:sys_exit_write: 0x1000
            writer-a 301 [002] 300.005400: syscalls:sys_exit_write: 0x1000
            """;

    /*
     * Locks, first contended first: 1 the mutex, 2 the mmap_lock. Waits: 1 writer-b for the
     * mutex 300..320 (20, its holder unknown), 2 writer-b for mmap_lock 1010..5030 (4020),
     * 3 writer-a for the mutex 2010..5220 (3210); all inside write().
     * Holds: 1 unmapper write 120..5000 (released); 2 writer-b mutex 320..5220 (inferred from
     * its wait, ended when writer-a took it); 3 writer-b read 5030..5100; 4 writer-a mutex
     * 5220..5400 (ended by its return to user space).
     * Blame of wait 2: unmapper holding (running) 1010..5000 (3990, hold 1), then the handoff
     * to writer-b: blocked ..5002, runnable ..5020, running ..5030.
     * Blame of wait 3: writer-b holding the mutex (hold 2) while in wait 2: blocked
     * 2010..5002 (2992), runnable ..5020 (18), running ..5030 (10); then running and no
     * longer waiting 5030..5220 (190).
     */
    @Test
    void mutexWaiterIsBlamedOnAHolderThatIsItselfWaitingForMmapLock() throws Exception {
        try (Ingested db = ingest("nested", NESTED)) {
            assertEquals(List.of(
                    row(1L, "0xffff888104a1c0a0", null, "mutex", null),
                    row(2L, "0xffff8881000800b8", "0xffff888100080000", "rwsem", "mmap_lock")),
                    rows(db, "SELECT lock_id, lock_addr, mm, kind, name FROM locks "
                            + "ORDER BY lock_id"));
            assertEquals(List.of(
                    row(1L, 302, 1L, "mutex", 300_000L, 320_000L, 20_000L, "write"),
                    row(2L, 302, 2L, "rwsem:R", 1_010_000L, 5_030_000L, 4_020_000L, "write"),
                    row(3L, 301, 1L, "mutex", 2_010_000L, 5_220_000L, 3_210_000L, "write")),
                    rows(db, "SELECT wait_id, tid, lock_id, lock_type, begin_ts - " + T3
                            + ", end_ts - " + T3 + ", duration_ns, syscall FROM waits "
                            + "ORDER BY wait_id"));
            assertEquals(List.of(
                    row(1L, 2L, 303, "write", 120_000L, 5_000_000L, true, "released"),
                    row(2L, 1L, 302, "exclusive", 320_000L, 5_220_000L, false, "handoff"),
                    row(3L, 2L, 302, "read", 5_030_000L, 5_100_000L, true, "released"),
                    row(4L, 1L, 301, "exclusive", 5_220_000L, 5_400_000L, false,
                            "syscall exit")),
                    rows(db, "SELECT hold_id, lock_id, tid, mode, begin_ts - " + T3
                            + ", end_ts - " + T3 + ", exact, end_evidence FROM holds "
                            + "ORDER BY hold_id"));
            assertEquals(List.of(
                    row(1L, null, "unknown", null, null, 300_000L, 320_000L, null),
                    row(2L, 303, "holder", "running", null, 1_010_000L, 5_000_000L, 1L),
                    row(2L, 302, "handoff", "blocked", 2L, 5_000_000L, 5_002_000L, null),
                    row(2L, 302, "handoff", "runnable", 2L, 5_002_000L, 5_020_000L, null),
                    row(2L, 302, "handoff", "running", 2L, 5_020_000L, 5_030_000L, null),
                    row(3L, 302, "holder", "blocked", 2L, 2_010_000L, 5_002_000L, 2L),
                    row(3L, 302, "holder", "runnable", 2L, 5_002_000L, 5_020_000L, 2L),
                    row(3L, 302, "holder", "running", 2L, 5_020_000L, 5_030_000L, 2L),
                    row(3L, 302, "holder", "running", null, 5_030_000L, 5_220_000L, 2L)),
                    rows(db, "SELECT wait_id, blocker_tid, relation, blocker_state, "
                            + "blocker_wait_id, begin_ts - " + T3 + ", end_ts - " + T3
                            + ", hold_id FROM blame ORDER BY wait_id, begin_ts"));
        }
    }

    /*
     * The chain: wait 2 goes to unmapper for 3990 (30 are writer-b's own wakeup). Wait 3
     * follows writer-b into wait 2 over 2010..5030: unmapper 2010..5000 (2990), then
     * writer-b's wakeup (30) and writer-b's own hold of the mutex (190): unmapper has the
     * larger part, so wait 3 is in unmapper's chain too, under wait 2 (the wait it waited
     * for most: 3020 of it). Wait 1 has no known blocker and is in no chain.
     * One chain: root unmapper, on mmap_lock, 1010..5220, 3990 + 2990 = 6980 traced to it,
     * none while it was off CPU (it ran the whole time: running 4210 over the chain).
     */
    @Test
    void chainOfThreeThreadsOnTwoLocksHasTheMutexWaiterUnderTheMmapLockWaiter()
            throws Exception {
        try (Ingested db = ingest("nested", NESTED)) {
            List<Chain> chains = WaitChainBuilder.build(db.connection(), 1);
            assertEquals(1, chains.size());
            Chain c = chains.get(0);
            assertEquals(List.of(303, "unmapper", 2L, "mmap_lock", 1_010_000L, 5_220_000L,
                    6_980_000L, 0L, 2), List.of(c.tid(), c.comm(), c.lockId(), c.lockName(),
                    c.begin() - T3, c.end() - T3, c.waitNs(), c.rootOffCpuNs(), c.waiters()));
            assertEquals(Map.of("running", 4_210_000L), c.rootStates());
            assertEquals("[302 read <- 303 holder root 3990000 off 0 "
                    + "[301 exclusive <- 302 holder root 2990000 off 0 []]]", tree(c.waits()));
        }
    }

    // ---------------------------------------------------------------------------------------
    // 4. Priority inversion: a nice-19 holder preempted by a nice-0 thread, two nice-0 waiters.
    // ---------------------------------------------------------------------------------------

    private static final long T4 = 400_000_000_000L;

    /*
     * gc 401 (nice 19: prio 139, cpu 0) takes mmap_lock for read in madvise at 40 and is
     * preempted at 1000 by hog 404 (prio 120), which keeps cpu 0 until 20000. mapper 402
     * (prio 120, cpu 1, mmap) queues for write at 2020 and sleeps; mprotector 403 (prio 120,
     * cpu 1, mprotect) queues for write at 3020 and sleeps. gc runs again at 20000, releases
     * at 20100 and wakes mapper (20110); mapper runs at 20200, holds 20210..20300, wakes
     * mprotector (20310), which runs at 20330 and has the lock at 20340.
     */
    private static final String INVERSION = """
            swapper 0 [000] 400.000010: sched:sched_switch: prev_comm=swapper/0 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=gc next_pid=401 next_prio=139
            gc 401 [000] 400.000020: syscalls:sys_enter_madvise: start: 0x7f4000000000, \
            len_in: 0x02000000, behavior: 0x00000017
            gc 401 [000] 400.000030: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100090000 memcg_id=1 write=false
            gc 401 [000] 400.000040: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100090000 memcg_id=1 write=false success=true
            swapper 0 [001] 400.000050: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=mapper next_pid=402 next_prio=120
            gc 401 [000] 400.001000: sched:sched_switch: prev_comm=gc prev_pid=401 \
            prev_prio=139 prev_state=R+ ==> next_comm=hog next_pid=404 next_prio=120
            mapper 402 [001] 400.002000: syscalls:sys_enter_mmap: addr: 0x00000000, \
            len: 0x00200000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
            off: 0x00000000
            mapper 402 [001] 400.002010: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100090000 memcg_id=1 write=true
            mapper 402 [001] 400.002020: lock:contention_begin: 0xffff8881000900b8 (flags=WRITE)
            mapper 402 [001] 400.002030: sched:sched_switch: prev_comm=mapper prev_pid=402 \
            prev_prio=120 prev_state=D ==> next_comm=mprotector next_pid=403 next_prio=120
            mprotector 403 [001] 400.003000: syscalls:sys_enter_mprotect: \
            start: 0x7f4000000000, len: 0x00001000, prot: 0x00000001
            mprotector 403 [001] 400.003010: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100090000 memcg_id=1 write=true
            mprotector 403 [001] 400.003020: lock:contention_begin: 0xffff8881000900b8 \
            (flags=WRITE)
            mprotector 403 [001] 400.003030: sched:sched_switch: prev_comm=mprotector \
            prev_pid=403 prev_prio=120 prev_state=D ==> next_comm=swapper/1 next_pid=0 \
            next_prio=120
            hog 404 [000] 400.020000: sched:sched_switch: prev_comm=hog prev_pid=404 \
            prev_prio=120 prev_state=R ==> next_comm=gc next_pid=401 next_prio=139
            gc 401 [000] 400.020100: mmap_lock:mmap_lock_released: \
            mm=0xffff888100090000 memcg_id=1 write=false
            gc 401 [000] 400.020110: sched:sched_waking: comm=mapper pid=402 prio=120 \
            target_cpu=001
            gc 401 [000] 400.020120: syscalls:sys_exit_madvise: 0x0
            swapper 0 [001] 400.020200: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=mapper next_pid=402 next_prio=120
            mapper 402 [001] 400.020210: lock:contention_end: 0xffff8881000900b8 (ret=0)
            mapper 402 [001] 400.020210: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100090000 memcg_id=1 write=true success=true
            mapper 402 [001] 400.020300: mmap_lock:mmap_lock_released: \
            mm=0xffff888100090000 memcg_id=1 write=true
            mapper 402 [001] 400.020310: sched:sched_waking: comm=mprotector pid=403 \
            prio=120 target_cpu=001
            mapper 402 [001] 400.020320: syscalls:sys_exit_mmap: 0x7f4000200000
            mapper 402 [001] 400.020330: sched:sched_switch: prev_comm=mapper prev_pid=402 \
            prev_prio=120 prev_state=S ==> next_comm=mprotector next_pid=403 next_prio=120
            mprotector 403 [001] 400.020340: lock:contention_end: 0xffff8881000900b8 (ret=0)
            mprotector 403 [001] 400.020340: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100090000 memcg_id=1 write=true success=true
            mprotector 403 [001] 400.020400: mmap_lock:mmap_lock_released: \
            mm=0xffff888100090000 memcg_id=1 write=true
            mprotector 403 [001] 400.020410: syscalls:sys_exit_mprotect: 0x0
            """;

    /*
     * A writer waits for every holder, so both writers wait for gc while it holds the lock:
     * mapper 2020..20100 (17980 with gc preempted, 100 running), mprotector 3020..20100
     * (16980 preempted, 100 running). After the release mapper waits for its own wakeup
     * (110) and mprotector for mapper (queued ahead 110, then holding 90) and its own wakeup
     * (40): none of that is gc's. Waits: mapper 18190, mprotector 17320.
     * The chain: root gc (prio 139), both writers directly under it (each waited for gc most),
     * 2020..20340; traced to gc 18080 + 17080 = 35160, of which 17980 + 16980 = 34960 while gc
     * was preempted. gc over the chain: preempted 2020..20000 (17980), running ..20340 (340).
     * The inversion: both waiters run at 120, better than 139, and lost their waiting traced
     * to gc while gc was off CPU: 17980 and 16980, 34960 in all. The thread that had gc's CPU
     * while gc was preempted within the chain: hog, 2020..20000 = 17980.
     */
    @Test
    void niceNineteenHolderPreemptedByANiceZeroThreadCostsTwoWritersTheirWaitingOffCpu()
            throws Exception {
        try (Ingested db = ingest("inversion", INVERSION)) {
            assertEquals(List.of(
                    row(1L, 402, "write", 2_020_000L, 20_210_000L, 18_190_000L, "mmap"),
                    row(2L, 403, "write", 3_020_000L, 20_340_000L, 17_320_000L, "mprotect")),
                    rows(db, "SELECT wait_id, tid, mode, begin_ts - " + T4 + ", end_ts - " + T4
                            + ", duration_ns, syscall FROM waits ORDER BY wait_id"));
            List<Chain> chains = WaitChainBuilder.build(db.connection(), 1);
            assertEquals(1, chains.size());
            Chain c = chains.get(0);
            assertEquals(List.of(401, "gc", 139, "mmap_lock", 2_020_000L, 20_340_000L,
                    35_160_000L, 34_960_000L, 2), List.of(c.tid(), c.comm(), c.prio(),
                    c.lockName(), c.begin() - T4, c.end() - T4, c.waitNs(), c.rootOffCpuNs(),
                    c.waiters()));
            assertEquals(Map.of("preempted", 17_980_000L, "running", 340_000L),
                    c.rootStates());
            assertEquals("[402 write <- 401 holder root 18080000 off 17980000 [], "
                    + "403 write <- 401 holder root 17080000 off 16980000 []]",
                    tree(c.waits()));

            List<Inversion> inversions = InversionFinder.find(db.connection(), 1, chains);
            assertEquals(1, inversions.size());
            Inversion inv = inversions.get(0);
            assertEquals(34_960_000L, inv.lostNs());
            assertEquals(List.of(
                    new Inversion.Victim(402, "mapper", 120, 18_080_000L, 17_980_000L),
                    new Inversion.Victim(403, "mprotector", 120, 17_080_000L, 16_980_000L)),
                    inv.victims());
            assertEquals(List.of(new Inversion.Preemptor(404, "hog", 120, 17_980_000L)),
                    inv.preemptors());
        }
    }

    /*
     * The same inversion as a finding: one per root and lock, its predicted saving the time
     * lost (34960), gc 401 at prio 139, two victims.
     */
    @Test
    void inversionFindingPredictsSavingTheTimeTheWritersLostWhileTheNiceNineteenHolderWasOff()
            throws Exception {
        try (Ingested db = ingest("inversion", INVERSION)) {
            List<Finding> found = findings(db, "priority-inversion");
            assertEquals(1, found.size());
            Finding f = found.get(0);
            assertEquals(34_960_000L, f.savedNs());
            assertEquals("mmap_lock", f.lock());
            assertEquals(List.of(401L, 139L, 34_960_000L, 34_960_000L, 2L),
                    List.of(f.figures().get("root_tid"), f.figures().get("root_prio"),
                            f.figures().get("root_off_cpu_ns"), f.figures().get("lost_ns"),
                            f.figures().get("victims")));
            // the victims by time lost, the preemptor by time run; gc held the lock in madvise
            assertSays(f, "priority inversion on mmap_lock: gc 401 (prio 139) held it while off "
                            + "CPU for 34.96 ms; 2 threads of better priority lost 34.96 ms",
                    List.of("1 chains with gc 401 at the root; off CPU 34.96 ms while holding "
                                    + "mmap_lock",
                            "waiters of better priority: mapper 402 (prio 120) lost 17.98 ms, "
                                    + "mprotector 403 (prio 120) lost 16.98 ms",
                            "ran on its CPU meanwhile: hog 404 (prio 120) 17.98 ms"),
                    "Had gc 401 kept running while it held mmap_lock, or not held it across the "
                            + "preemption, 34.96 ms of waiting would go away.");
            assertEquals(List.of("Keep low-priority threads from holding mmap_lock across long "
                            + "work (madvise): split it into short pieces.",
                    "Or run gc 401 at its waiters' priority while it holds the lock, or keep the "
                            + "threads that preempted it (hog 404) off its CPU."),
                    f.recommendations());
        }
    }

    /*
     * The same trace without the switch that puts mapper on cpu 1 at 50 (a capture that
     * starts while mapper runs): nothing else changes. mapper's priority is still 120 all
     * along: its own switch-out at 2030 prints prev_prio=120 and gc's wakeup prints prio=120,
     * and nothing can renice it in between. So the inversion is the same: 34960 lost, both
     * writers victims.
     */
    @Test
    void inversionCountsAWaiterWhosePriorityTheTraceShowsOnlyAfterItsWaitBegan()
            throws Exception {
        String withoutSwitchIn = INVERSION.replace("swapper 0 [001] 400.000050: "
                + "sched:sched_switch: prev_comm=swapper/1 prev_pid=0 prev_prio=120 "
                + "prev_state=R ==> next_comm=mapper next_pid=402 next_prio=120\n", "");
        assertEquals(INVERSION.lines().count() - 1, withoutSwitchIn.lines().count());
        try (Ingested db = ingest("inversion-late-prio", withoutSwitchIn)) {
            List<Chain> chains = WaitChainBuilder.build(db.connection(), 1);
            List<Inversion> inversions = InversionFinder.find(db.connection(), 1, chains);
            assertEquals(1, inversions.size());
            assertEquals(List.of(402, 403), inversions.get(0).victims().stream()
                    .map(Inversion.Victim::tid).toList());
            assertEquals(34_960_000L, inversions.get(0).lostNs());
        }
    }

    /*
     * The same convoy with gc at the writers' own priority, 120: equal priorities are not an
     * inversion (a waiter must run at a better, lower, priority than the root), so no chain
     * of the trace can be one and none is found. One step worse, at 121, it is one again and
     * loses what it lost at 139: 17980 + 16980 = 34960.
     */
    @Test
    void equalPrioritiesAreNoInversionAndOneStepWorseIs() throws Exception {
        assertEquals(3, INVERSION.split("prio=139", -1).length - 1, "gc's three switches");
        for (int gcPrio : new int[] {120, 121}) {
            try (Ingested db = ingest("inversion-prio-" + gcPrio,
                    INVERSION.replace("prio=139", "prio=" + gcPrio))) {
                List<Inversion> inversions = InversionFinder.find(db.connection(), 1,
                        WaitChainBuilder.build(db.connection(), 1));
                boolean worse = gcPrio > 120;
                assertEquals(worse, InversionFinder.possible(db.connection(), 1), "at " + gcPrio);
                assertEquals(worse ? List.of(34_960_000L) : List.of(), inversions.stream()
                        .map(Inversion::lostNs).toList(), "at " + gcPrio);
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // 5. munmap downgrading mmap_lock from write to read, a page fault waiting for read.
    // ---------------------------------------------------------------------------------------

    private static final long T5 = 500_000_000_000L;

    /*
     * unmapper 501 (cpu 0) takes mmap_lock for write in munmap at 120, downgrades it at 500
     * (mmap_write_downgrade traces an acquire_returned for read) and keeps the read lock for
     * the long part of the unmap, releasing at 80000. faulter 502 (cpu 1) faults at 200 and
     * waits for read from 210, sleeping. The downgrade wakes it (505): readers share, and
     * rwsem_downgrade_wake grants the lock to the readers at the head of the queue. It runs
     * at 520 and is in at 525.
     */
    private static final String DOWNGRADE = """
            unmapper 501 [000] 500.000100: syscalls:sys_enter_munmap: addr: 0x7f5000000000, \
            len: 0x40000000
            unmapper 501 [000] 500.000110: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000a0000 memcg_id=1 write=true
            unmapper 501 [000] 500.000120: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000a0000 memcg_id=1 write=true success=true
            faulter 502 [001] 500.000200: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000a0000 memcg_id=1 write=false
            faulter 502 [001] 500.000210: lock:contention_begin: 0xffff8881000a00b8 (flags=READ)
            faulter 502 [001] 500.000220: sched:sched_switch: prev_comm=faulter prev_pid=502 \
            prev_prio=120 prev_state=D ==> next_comm=swapper/1 next_pid=0 next_prio=120
            unmapper 501 [000] 500.000500: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000a0000 memcg_id=1 write=false success=true
            unmapper 501 [000] 500.000505: sched:sched_waking: comm=faulter pid=502 prio=120 \
            target_cpu=001
            swapper 0 [001] 500.000520: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=faulter next_pid=502 next_prio=120
            faulter 502 [001] 500.000525: lock:contention_end: 0xffff8881000a00b8 (ret=0)
            faulter 502 [001] 500.000525: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000a0000 memcg_id=1 write=false success=true
            faulter 502 [001] 500.000600: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000a0000 memcg_id=1 write=false
            unmapper 501 [000] 500.080000: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000a0000 memcg_id=1 write=false
            unmapper 501 [000] 500.080010: syscalls:sys_exit_munmap: 0x0
            """;

    /*
     * The reader gets in at 525, 315 after it began to wait, while the unmapper still holds
     * the lock for read (until 80000): it did not wait for the whole munmap.
     * Holds: 1 unmapper write 120..500, ended by the downgrade; 2 unmapper read 500..80000
     * (released); 3 faulter read 525..600, inside hold 2 (readers share).
     * Blame before the downgrade: faulter waits for the unmapper holding for write (running)
     * from 210, in hold 1.
     */
    @Test
    void pageFaultWaitingBehindMunmapGetsInAtTheDowngradeNotAtTheRelease() throws Exception {
        try (Ingested db = ingest("downgrade", DOWNGRADE)) {
            assertEquals(List.of(row(1L, 502, "read", 210_000L, 525_000L, 315_000L, true)),
                    rows(db, "SELECT wait_id, tid, mode, begin_ts - " + T5 + ", end_ts - " + T5
                            + ", duration_ns, acquired FROM waits"));
            assertEquals(List.of(
                    row(1L, 501, "write", 120_000L, 500_000L, true, "downgraded"),
                    row(2L, 501, "read", 500_000L, 80_000_000L, true, "released"),
                    row(3L, 502, "read", 525_000L, 600_000L, true, "released")),
                    rows(db, "SELECT hold_id, tid, mode, begin_ts - " + T5 + ", end_ts - " + T5
                            + ", exact, end_evidence FROM holds ORDER BY hold_id"));
            assertEquals(List.of(row(501, "holder", "running", 210_000L, 1L)),
                    rows(db, "SELECT blocker_tid, relation, blocker_state, begin_ts - " + T5
                            + ", hold_id FROM blame WHERE begin_ts < " + (T5 + 500_000L)));
        }
    }

    /*
     * After the downgrade the faulter no longer waits for the unmapper: the unmapper holds
     * only for read, no writer is queued, and downgrade_write -> rwsem_downgrade_wake ->
     * rwsem_mark_wake(RWSEM_WAKE_READ_OWNED) has granted the read lock to the reader at the
     * head of the queue before waking it. What is left (500..525) is the reader's own wakeup:
     * handoff to itself, blocked 500..505, runnable ..520, running ..525; 290 of its wait is
     * the unmapper's write hold. The chain rooted at the unmapper therefore has 290 traced to
     * it, not 315.
     */
    @Test
    void afterTheDowngradeTheQueuedReaderWaitsOnlyForItsOwnWakeup() throws Exception {
        try (Ingested db = ingest("downgrade", DOWNGRADE)) {
            assertEquals(List.of(
                    row(501, "holder", "running", null, 210_000L, 500_000L, 1L),
                    row(502, "handoff", "blocked", 1L, 500_000L, 505_000L, null),
                    row(502, "handoff", "runnable", 1L, 505_000L, 520_000L, null),
                    row(502, "handoff", "running", 1L, 520_000L, 525_000L, null)),
                    rows(db, "SELECT blocker_tid, relation, blocker_state, blocker_wait_id, "
                            + "begin_ts - " + T5 + ", end_ts - " + T5 + ", hold_id FROM blame "
                            + "ORDER BY begin_ts"));
            List<Chain> chains = WaitChainBuilder.build(db.connection(), 1);
            assertEquals(List.of(501), chains.stream().map(Chain::tid).toList());
            assertEquals(290_000L, chains.get(0).waitNs());
        }
    }

    // ---------------------------------------------------------------------------------------
    // 7. Two spinlock waiters 500 ms apart, no release events (issue 19).
    // ---------------------------------------------------------------------------------------

    private static final long T7 = 700_000_000_000L;

    private static final String SPIN_APART = """
            a 701 [000] 700.000000: lock:contention_begin: 0xffff888100700000 (flags=SPIN)
            a 701 [000] 700.000010: lock:contention_end: 0xffff888100700000 (ret=0)
            b 702 [001] 700.500000: lock:contention_begin: 0xffff888100700000 (flags=SPIN)
            b 702 [001] 700.500020: lock:contention_end: 0xffff888100700000 (ret=0)
            """;

    /*
     * a waits 0..10 and takes the lock with nobody waiting; the trace shows no release: a
     * spinlock is held for microseconds, and nothing shows whether a still held it 500 ms
     * later. b waits 500000..500020: its holder is unknown (not a). Holds: a's unseen end,
     * end_ts = begin 10, by 500020 at the latest (b took it then); b's likewise, 500020 by
     * the end of the trace (500020). No hold of 500 ms: every duration is 0.
     */
    @Test
    void spinlockWaitersFiveHundredMillisecondsApartShowNoHoldOfFiveHundredMilliseconds()
            throws Exception {
        try (Ingested db = ingest("spin-apart", SPIN_APART)) {
            assertEquals(List.of(row(1L, null, "unknown", 10_000L), row(2L, null, "unknown",
                    20_000L)), rows(db, "SELECT wait_id, blocker_tid, relation, blamed_ns "
                            + "FROM blame ORDER BY wait_id"));
            assertEquals(List.of(row(701, 10_000L, 10_000L, 500_020_000L, 0L),
                    row(702, 500_020_000L, 500_020_000L, 500_020_000L, 0L)),
                    rows(db, "SELECT tid, begin_ts - " + T7 + ", end_ts - " + T7
                            + ", end_by_ts - " + T7 + ", duration_ns FROM holds ORDER BY tid"));
        }
    }

    // ---------------------------------------------------------------------------------------

    private Ingested ingest(String name, String text) throws IOException {
        return HandTraces.ingest(dir, name, text);
    }

    /** A chain's waits as text: who waited, in what mode, for whom, how, what went to the root. */
    private static String tree(List<ChainWait> waits) {
        return waits.stream().map(w -> w.tid() + " " + w.mode() + " <- " + w.blockedBy() + " "
                + w.relation() + " root " + w.rootNs() + " off " + w.rootOffCpuNs() + " "
                + tree(w.children())).collect(Collectors.joining(", ", "[", "]"));
    }
}
