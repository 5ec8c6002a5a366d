package dev.ptrace.analyze.analysis.scenarios;

import static dev.ptrace.analyze.analysis.scenarios.HandTraces.assertSays;
import static dev.ptrace.analyze.analysis.scenarios.HandTraces.findings;
import static dev.ptrace.analyze.analysis.scenarios.HandTraces.row;
import static dev.ptrace.analyze.analysis.scenarios.HandTraces.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.findings.WhatIfParameters;
import dev.ptrace.analyze.analysis.scenarios.HandTraces.Ingested;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The what-if models at the edges of their rules, on small perf script traces written by hand
 * in the manner of {@link HandWrittenWhatIfTest}: a value exactly on a threshold (on both sides
 * where a second trace or parameter is cheap), a largest chunk of exactly a power of two, calls
 * that end out of time order, a write part of no time. Where a threshold is put exactly on a
 * scenario's value, the what-if parameters are the shipped ones with that one changed
 * ({@link WhatIfParameters#with}). Each expected value is worked out by hand in the comment
 * above its assertions. Times in the comments are microseconds after the section's base time.
 */
class HandWrittenWhatIfBoundaryTest {
    @TempDir
    Path dir;

    private static final WhatIfParameters SHIPPED = WhatIfParameters.shipped();

    // ---------------------------------------------------------------------------------------
    // 1. glibc's mmap threshold at its boundaries (base 1500 s; wl 1501 on cpu 0).
    // ---------------------------------------------------------------------------------------

    /*
     * wl mallocs and frees a chunk as glibc does above the mmap threshold: mmap(NULL, len,
     * PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS) at us (10 us, returning addr), munmap
     * of the same address and length 100 us later (10 us).
     */
    private static String chunk(long us, String len, String addr) {
        return String.format("""
                wl 1501 [000] 1500.%06d: syscalls:sys_enter_mmap: addr: 0x00000000, \
                len: %s, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
                off: 0x00000000
                wl 1501 [000] 1500.%06d: syscalls:sys_exit_mmap: %s
                wl 1501 [000] 1500.%06d: syscalls:sys_enter_munmap: addr: %s, len: %s
                wl 1501 [000] 1500.%06d: syscalls:sys_exit_munmap: 0x0
                """, us, len, us + 10, addr, us + 100, addr, len, us + 110);
    }

    /*
     * One chunk of 0x21000 = 135,168 bytes, mapped and freed: its request at most 135,168 - 8
     * (malloc_chunk_overhead) = 135,160. glibc's sysmalloc maps a request of at least the
     * threshold (nb >= mp_.mmap_threshold). Starting threshold (malloc_default_mmap_threshold)
     * 135,160, exactly the request: glibc maps it as well, nothing says the threshold was fixed
     * by hand: no finding. Starting threshold 135,161: glibc would have kept it in the heap
     * (135,160 < 135,161), yet it went to mmap: a finding, 1 chunk glibc would have kept. The
     * largest such chunk 135,168: the power of two above it, 2^18 = 262,144 (2^17 = 131,072 <
     * 135,168), trim threshold 524,288; its request is below that: both its calls go.
     */
    @Test
    void aRequestExactlyAtTheStartingThresholdGoesToMmapAndOneBelowItWouldHaveStayed()
            throws Exception {
        try (Ingested db = ingest("request-at-threshold",
                chunk(100, "0x00021000", "0x7f6000000000"))) {
            assertEquals(List.of(), findings(db, "mmap-threshold",
                    SHIPPED.with("malloc_default_mmap_threshold", 135_160L)));
            List<Finding> found = findings(db, "mmap-threshold",
                    SHIPPED.with("malloc_default_mmap_threshold", 135_161L));
            assertEquals(1, found.size(), found.toString());
            assertEquals(Map.of("recommended_threshold", 262_144L,
                    "recommended_trim_threshold", 524_288L,
                    "largest_chunk_bytes", 135_168L,
                    "chunks", 1L,
                    "chunks_dynamic_would_keep", 1L,
                    "mmap_calls", 1L,
                    "munmap_calls", 1L,
                    "calls_removed", 2L,
                    "waits_removed", 0L,
                    "wait_ns_removed", 0L), found.get(0).figures());
        }
    }

    /*
     * Four chunks, one after the other: A and B of 0x100000 = 1,048,576 = 2^20 (1 MiB), C of
     * 0x80000 (512 KiB), D of 0x40000 (256 KiB). glibc's threshold replayed: 131,072; A's
     * request (1,048,568) is not below it: mmap; A's free (1,048,576 > 131,072, <= 32 MiB)
     * raises it to 1,048,576. B (1,048,568), C (524,280) and D (262,136) are below it: glibc
     * would have kept all three (B's free, 1,048,576, is not above the threshold: it stays).
     * The largest of them, 1,048,576, is a power of two: the threshold above every such
     * request is 2^20 itself (1,048,568 < 1,048,576; half of it, 524,288, is below B's
     * request), trim threshold 2,097,152. Every request (A's too) is below 1,048,576: all 8
     * calls go, none remain. Sizes by count, ties by size: 2 x 1 MiB, 1 x 256 KiB, 1 x 512 KiB:
     * three sizes, all shown, nothing left to "...".
     */
    @Test
    void aLargestChunkOfExactlyAPowerOfTwoIsItsOwnThresholdAndThreeSizesAreAllListed()
            throws Exception {
        String text = chunk(100, "0x00100000", "0x7f6000000000")
                + chunk(300, "0x00100000", "0x7f6000100000")
                + chunk(500, "0x00080000", "0x7f6000200000")
                + chunk(700, "0x00040000", "0x7f6000300000");
        try (Ingested db = ingest("power-of-two", text)) {
            Finding f = only(findings(db, "mmap-threshold"));
            assertEquals(Map.of("recommended_threshold", 1_048_576L,
                    "recommended_trim_threshold", 2_097_152L,
                    "largest_chunk_bytes", 1_048_576L,
                    "chunks", 4L,
                    "chunks_dynamic_would_keep", 3L,
                    "mmap_calls", 4L,
                    "munmap_calls", 4L,
                    "calls_removed", 8L,
                    "waits_removed", 0L,
                    "wait_ns_removed", 0L), f.figures());
            assertSays(f, "malloc above a fixed mmap threshold: 4 allocations of 2 x 1 MiB, "
                            + "1 x 256 KiB, 1 x 512 KiB went to mmap and back to munmap",
                    List.of("4 mmap and 4 munmap calls; 4 of the mmaps are malloc chunks "
                                    + "unmapped whole (2 x 1 MiB, 1 x 256 KiB, 1 x 512 KiB)",
                            "3 chunks were mapped after a chunk at least as large was freed",
                            "mmap_lock waits in those calls or behind them: 0 waits, 0 ns"),
                    "With M_MMAP_THRESHOLD = 1048576 and M_TRIM_THRESHOLD = 2097152, 8 of the 8 "
                            + "mmap/munmap calls stay in the heap (0 remain) and 0 ns of "
                            + "mmap_lock waiting (0 waits) goes away.");
        }
    }

    /*
     * A of 0x2000000 = 33,554,432 (32 MiB), then B and C of 0x100000 (1 MiB). glibc's
     * threshold: 131,072; A's request (at most 33,554,432 - 8 = 33,554,424) is not below it:
     * mmap; A's free (<= 32 MiB) raises it to 33,554,432. B's and C's requests (1,048,568) are
     * below it: glibc would have kept both. The largest of those, 1,048,576 = 2^20, sets the
     * threshold: 1,048,576, trim 2,097,152. B's and C's 4 calls go; A's request, 33,554,424,
     * is at or above 1,048,576 but below glibc's limit of 32 MiB (33,554,432: a threshold that
     * high would keep it): it stays in mmap because the recommended threshold is below it, not
     * because of the limit: 2 calls of 6 remain, and the note says so, not "above 32 MiB".
     */
    @Test
    void aChunkAboveTheRecommendedThresholdButBelowThirtyTwoMibIsNotSaidToBeAboveIt()
            throws Exception {
        String text = chunk(100, "0x02000000", "0x7f6000000000")
                + chunk(300, "0x00100000", "0x7f6004000000")
                + chunk(500, "0x00100000", "0x7f6005000000");
        try (Ingested db = ingest("above-recommended", text)) {
            Finding f = only(findings(db, "mmap-threshold"));
            assertEquals(Map.of("recommended_threshold", 1_048_576L,
                    "recommended_trim_threshold", 2_097_152L,
                    "largest_chunk_bytes", 1_048_576L,
                    "chunks", 3L,
                    "chunks_dynamic_would_keep", 2L,
                    "mmap_calls", 3L,
                    "munmap_calls", 3L,
                    "calls_removed", 4L,
                    "waits_removed", 0L,
                    "wait_ns_removed", 0L), f.figures());
            assertEquals(List.of("1 allocations are at or above M_MMAP_THRESHOLD = 1048576 and "
                    + "stay in mmap with it (the threshold covers the chunks the dynamic "
                    + "threshold would have kept, and these are larger): their calls remain."),
                    f.notes().stream().filter(n -> n.contains("M_MMAP_THRESHOLD =")
                            || n.contains("32 MiB and go")).toList());
        }
    }

    /*
     * With no chunk overhead (malloc_chunk_overhead 0: a request is its chunk's length). C of
     * 0x2000000 = 33,554,432 (32 MiB) is mapped (not below 131,072); its free (<= 32 MiB)
     * raises the threshold to 33,554,432. D of 0x1fff000 = 33,550,336 is below it: glibc
     * would have kept it. The largest such chunk, 33,550,336: the power of two above it, 2^25
     * = 33,554,432, at most 32 MiB: the recommended threshold 33,554,432. C's request,
     * 33,554,432, is not below it: glibc maps it whatever the threshold, its 2 calls stay; D's
     * (33,550,336, below) go: 2 of the 4 calls.
     */
    @Test
    void aRequestExactlyAtTheRecommendedThresholdStaysInMmapAndOneBelowItGoes()
            throws Exception {
        String text = chunk(100, "0x02000000", "0x7f6010000000")
                + chunk(300, "0x01fff000", "0x7f6020000000");
        try (Ingested db = ingest("request-at-recommended", text)) {
            List<Finding> found = findings(db, "mmap-threshold",
                    SHIPPED.with("malloc_chunk_overhead", 0L));
            assertEquals(1, found.size(), found.toString());
            assertEquals(Map.of("recommended_threshold", 33_554_432L,
                    "recommended_trim_threshold", 67_108_864L,
                    "largest_chunk_bytes", 33_550_336L,
                    "chunks", 2L,
                    "chunks_dynamic_would_keep", 1L,
                    "mmap_calls", 2L,
                    "munmap_calls", 2L,
                    "calls_removed", 2L,
                    "waits_removed", 0L,
                    "wait_ns_removed", 0L), found.get(0).figures());
            // C is at glibc's limit: mapped whatever the threshold, not for want of a higher one
            assertEquals(List.of("1 allocations are above 32 MiB and go to mmap whatever the "
                    + "threshold: reuse those buffers instead."), found.get(0).notes().stream()
                    .filter(n -> n.contains("M_MMAP_THRESHOLD =") || n.contains("32 MiB and go"))
                    .toList());
        }
    }

    /*
     * Chunks freed in another order than mapped: wl (cpu 0) maps W (0x101000) 100..160 and
     * frees it 200..230; maps X 300..470 and Y 500..560, frees Y 600..630, then X 700..730.
     * locker 1502 (cpu 1, in mprotect from 250) holds mmap_lock (mm 0xffff888100150000) for
     * write 260..400; X's mmap queues for write at 320 and sleeps; locker's release wakes wl
     * (405), it runs at 420 and holds 430..460.
     */
    private static final String OUT_OF_ORDER = chunk(100, "0x00101000", "0x7f6000000000")
            + """
            locker 1502 [001] 1500.000250: syscalls:sys_enter_mprotect: \
            start: 0x7f7100000000, len: 0x00001000, prot: 0x00000001
            locker 1502 [001] 1500.000255: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100150000 memcg_id=1 write=true
            locker 1502 [001] 1500.000260: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100150000 memcg_id=1 write=true success=true
            wl 1501 [000] 1500.000300: syscalls:sys_enter_mmap: addr: 0x00000000, \
            len: 0x00101000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
            off: 0x00000000
            wl 1501 [000] 1500.000310: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100150000 memcg_id=1 write=true
            wl 1501 [000] 1500.000320: lock:contention_begin: 0xffff8881001500b8 (flags=WRITE)
            wl 1501 [000] 1500.000330: sched:sched_switch: prev_comm=wl prev_pid=1501 \
            prev_prio=120 prev_state=D ==> next_comm=swapper/0 next_pid=0 next_prio=120
            locker 1502 [001] 1500.000400: mmap_lock:mmap_lock_released: \
            mm=0xffff888100150000 memcg_id=1 write=true
            locker 1502 [001] 1500.000405: sched:sched_waking: comm=wl pid=1501 prio=120 \
            target_cpu=000
            locker 1502 [001] 1500.000410: syscalls:sys_exit_mprotect: 0x0
            swapper 0 [000] 1500.000420: sched:sched_switch: prev_comm=swapper/0 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=wl next_pid=1501 next_prio=120
            wl 1501 [000] 1500.000430: lock:contention_end: 0xffff8881001500b8 (ret=0)
            wl 1501 [000] 1500.000430: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100150000 memcg_id=1 write=true success=true
            wl 1501 [000] 1500.000460: mmap_lock:mmap_lock_released: \
            mm=0xffff888100150000 memcg_id=1 write=true
            wl 1501 [000] 1500.000470: syscalls:sys_exit_mmap: 0x7f6000200000
            """ + chunk(500, "0x00101000", "0x7f6000400000") + """
            wl 1501 [000] 1500.000700: syscalls:sys_enter_munmap: addr: 0x7f6000200000, \
            len: 0x00101000
            wl 1501 [000] 1500.000730: syscalls:sys_exit_munmap: 0x0
            """;

    /*
     * The chunks, in the order they were freed: W, Y, X. W (1,052,664 requested) went to
     * mmap at the starting threshold and its free raised it to 1,052,672; X and Y would have
     * stayed in the heap: 2 chunks, the threshold recommended 2^21 = 2,097,152 (trim
     * 4,194,304), every request below it: all 6 mmap/munmap calls go (locker's mprotect is
     * neither). wl's wait 320..430 (110) began inside X's mmap (300..470), a removed call: it
     * goes whole, 1 wait of 110, though X's calls are the last freed and its mmap came before
     * Y's calls.
     */
    @Test
    void aWaitInsideTheMmapOfAChunkFreedLastIsFoundAmongItsThreadsEarlierCalls()
            throws Exception {
        try (Ingested db = ingest("out-of-order", OUT_OF_ORDER)) {
            assertEquals(List.of(row(1501, 320_000L, 430_000L, 110_000L, "mmap")),
                    rows(db, "SELECT tid, begin_ts - 1500000000000, end_ts - 1500000000000, "
                            + "duration_ns, syscall FROM waits"));
            Finding f = only(findings(db, "mmap-threshold"));
            assertEquals(110_000L, f.savedNs());
            assertEquals(Map.of("recommended_threshold", 2_097_152L,
                    "recommended_trim_threshold", 4_194_304L,
                    "largest_chunk_bytes", 1_052_672L,
                    "chunks", 3L,
                    "chunks_dynamic_would_keep", 2L,
                    "mmap_calls", 3L,
                    "munmap_calls", 3L,
                    "calls_removed", 6L,
                    "waits_removed", 1L,
                    "wait_ns_removed", 110_000L), f.figures());
        }
    }

    // ---------------------------------------------------------------------------------------
    // 2. Long mmap_lock holds at their boundaries (base 1600 s; mm 0xffff888100160000, its
    //    rwsem 0xffff8881001600b8).
    // ---------------------------------------------------------------------------------------

    /*
     * unmapper-a 1601 (cpu 0) unmaps 1 MiB (0x100000) from 100, holding mmap_lock for write
     * 110..1110: exactly 1 ms. unmapper-b 1602 (cpu 1) unmaps 1 MiB from 2100, holding it
     * 2110..3109: 999 us. Nobody waits; both stay on CPU.
     */
    private static final String ONE_MILLISECOND = """
            unmapper-a 1601 [000] 1600.000100: syscalls:sys_enter_munmap: \
            addr: 0x7f7000000000, len: 0x00100000
            unmapper-a 1601 [000] 1600.000105: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100160000 memcg_id=1 write=true
            unmapper-a 1601 [000] 1600.000110: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100160000 memcg_id=1 write=true success=true
            unmapper-a 1601 [000] 1600.001110: mmap_lock:mmap_lock_released: \
            mm=0xffff888100160000 memcg_id=1 write=true
            unmapper-a 1601 [000] 1600.001115: syscalls:sys_exit_munmap: 0x0
            unmapper-b 1602 [001] 1600.002100: syscalls:sys_enter_munmap: \
            addr: 0x7f7000200000, len: 0x00100000
            unmapper-b 1602 [001] 1600.002105: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100160000 memcg_id=1 write=true
            unmapper-b 1602 [001] 1600.002110: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100160000 memcg_id=1 write=true success=true
            unmapper-b 1602 [001] 1600.003109: mmap_lock:mmap_lock_released: \
            mm=0xffff888100160000 memcg_id=1 write=true
            unmapper-b 1602 [001] 1600.003115: syscalls:sys_exit_munmap: 0x0
            """;

    /*
     * A hold is long from long_hold_ns (1 ms) on: unmapper-a's 1 ms hold is, unmapper-b's
     * 999 us is not. A munmap can be done in pieces, so a long one is a finding though nobody
     * waited behind it: one finding, unmapper-a's: 1 hold of 1 ms, 1 MiB, 0 waits. The trace
     * has no sched events: unmapper-a is taken to have run its whole hold, 1 ms; a piece may
     * be 1 MiB x 10 ms / 1 ms = 10 MiB, 8 MiB as a power of two: the range is one piece, and
     * it was on CPU throughout: nothing to split, and no time off CPU to speak of.
     */
    @Test
    void aHoldOfExactlyLongHoldNsIsLongAndAMicrosecondShorterIsNot() throws Exception {
        try (Ingested db = ingest("one-millisecond", ONE_MILLISECOND)) {
            Finding f = only(findings(db, "long-hold"));
            assertEquals(Map.of("holder_tid", 1601L, "holds", 1L,
                    "longest_hold_ns", 1_000_000L, "blamed_ns", 0L, "waits", 0L,
                    "range_bytes", 1_048_576L), f.figures());
            assertEquals("Pieces would not shorten these holds: the holder ran 1.00 ms on the "
                    + "whole range, within the 10.00 ms a piece may take.", f.prediction());
            assertEquals(List.of("See what makes munmap (unmapper-a 1601) slow while it holds "
                    + "the lock: perf record -g shows the holder's stack, and the attribute "
                    + "command what the holds were spent on."), f.recommendations());
        }
    }

    /*
     * unmapper 1641 (cpu 0) unmaps 64 MiB (0x4000000) from 80 and takes mmap_lock for write
     * at 100, and hog 1644 preempts it in that microsecond; unmapper is back at 2100 and lets
     * go at once: a hold of 2 ms, 100..2100.
     */
    private static final String NEVER_RAN = """
            unmapper 1641 [000] 1600.000080: syscalls:sys_enter_munmap: \
            addr: 0x7f7000000000, len: 0x04000000
            unmapper 1641 [000] 1600.000090: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100160000 memcg_id=1 write=true
            unmapper 1641 [000] 1600.000100: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100160000 memcg_id=1 write=true success=true
            unmapper 1641 [000] 1600.000100: sched:sched_switch: prev_comm=unmapper \
            prev_pid=1641 prev_prio=120 prev_state=R+ ==> next_comm=hog next_pid=1644 \
            next_prio=120
            hog 1644 [000] 1600.002100: sched:sched_switch: prev_comm=hog prev_pid=1644 \
            prev_prio=120 prev_state=R ==> next_comm=unmapper next_pid=1641 next_prio=120
            unmapper 1641 [000] 1600.002100: mmap_lock:mmap_lock_released: \
            mm=0xffff888100160000 memcg_id=1 write=true
            unmapper 1641 [000] 1600.002110: syscalls:sys_exit_munmap: 0x0
            """;

    /*
     * unmapper's states during its hold: preempted 100..2100, nothing running: it ran 0 ns of
     * its 2 ms hold (not the whole hold, as for a thread whose states the trace does not
     * show). No piece size follows from no work (64 MiB x 10 ms / 0); pieces would not
     * shorten a hold spent off CPU: no piece figures, the off-CPU prediction and advice.
     */
    @Test
    void aHolderPreemptedForItsWholeHoldRanNoneOfItAndPiecesWouldNotHelp() throws Exception {
        try (Ingested db = ingest("never-ran", NEVER_RAN)) {
            assertEquals(List.of(row(1641, "preempted", 100_000L, 2_100_000L)),
                    rows(db, "SELECT tid, state, begin_ts - 1600000000000, end_ts - "
                            + "1600000000000 FROM thread_states WHERE tid = 1641 AND "
                            + "end_ts > 1600000100000 AND begin_ts < 1600002100000"));
            Finding f = only(findings(db, "long-hold"));
            assertEquals(Map.of("holder_tid", 1641L, "holds", 1L,
                    "longest_hold_ns", 2_000_000L, "blamed_ns", 0L, "waits", 0L,
                    "range_bytes", 67_108_864L), f.figures());
            assertEquals("Pieces would not shorten these holds: the holder ran 0 ns on the "
                    + "whole range, within the 10.00 ms a piece may take, and was off CPU for "
                    + "the rest of the hold.", f.prediction());
            assertEquals(List.of("Keep unmapper 1641 on CPU while it holds mmap_lock (a better "
                    + "priority than the threads that share its CPU, or fewer of them): the work "
                    + "itself is short."), f.recommendations());
        }
    }

    /*
     * mprot-a 1611 (cpu 0, mprotect from 100) holds mmap_lock for write 110..2110 (2 ms);
     * nobody waits for it. mprot-b 1612 (cpu 1, mprotect from 3000) holds it 3010..5010
     * (2 ms); waiter 1613 (cpu 2, mprotect from 4000) queues for write at 4010 and sleeps;
     * mprot-b's release wakes it (5015), it runs at 5030 and holds 5040..5050.
     */
    private static final String MPROTECTS = """
            mprot-a 1611 [000] 1600.000100: syscalls:sys_enter_mprotect: \
            start: 0x7f7100000000, len: 0x00001000, prot: 0x00000001
            mprot-a 1611 [000] 1600.000105: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100160000 memcg_id=1 write=true
            mprot-a 1611 [000] 1600.000110: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100160000 memcg_id=1 write=true success=true
            mprot-a 1611 [000] 1600.002110: mmap_lock:mmap_lock_released: \
            mm=0xffff888100160000 memcg_id=1 write=true
            mprot-a 1611 [000] 1600.002115: syscalls:sys_exit_mprotect: 0x0
            mprot-b 1612 [001] 1600.003000: syscalls:sys_enter_mprotect: \
            start: 0x7f7200000000, len: 0x00001000, prot: 0x00000001
            mprot-b 1612 [001] 1600.003005: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100160000 memcg_id=1 write=true
            mprot-b 1612 [001] 1600.003010: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100160000 memcg_id=1 write=true success=true
            waiter 1613 [002] 1600.004000: syscalls:sys_enter_mprotect: \
            start: 0x7f7300000000, len: 0x00001000, prot: 0x00000001
            waiter 1613 [002] 1600.004005: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100160000 memcg_id=1 write=true
            waiter 1613 [002] 1600.004010: lock:contention_begin: 0xffff8881001600b8 \
            (flags=WRITE)
            waiter 1613 [002] 1600.004020: sched:sched_switch: prev_comm=waiter prev_pid=1613 \
            prev_prio=120 prev_state=D ==> next_comm=swapper/2 next_pid=0 next_prio=120
            mprot-b 1612 [001] 1600.005010: mmap_lock:mmap_lock_released: \
            mm=0xffff888100160000 memcg_id=1 write=true
            mprot-b 1612 [001] 1600.005015: sched:sched_waking: comm=waiter pid=1613 \
            prio=120 target_cpu=002
            mprot-b 1612 [001] 1600.005020: syscalls:sys_exit_mprotect: 0x0
            swapper 0 [002] 1600.005030: sched:sched_switch: prev_comm=swapper/2 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=waiter next_pid=1613 next_prio=120
            waiter 1613 [002] 1600.005040: lock:contention_end: 0xffff8881001600b8 (ret=0)
            waiter 1613 [002] 1600.005040: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100160000 memcg_id=1 write=true success=true
            waiter 1613 [002] 1600.005050: mmap_lock:mmap_lock_released: \
            mm=0xffff888100160000 memcg_id=1 write=true
            waiter 1613 [002] 1600.005060: syscalls:sys_exit_mprotect: 0x0
            """;

    /*
     * An mprotect is not work over a range that pieces would shorten: its long hold is a
     * finding only when someone waited behind it. mprot-a's 2 ms hold, 0 waiting: none.
     * mprot-b's 2 ms hold: waiter's wait while mprot-b held, 4010..5010 = 1000 (the 30 after
     * are waiter's own wakeup): a finding, 1 hold of 2 ms, 4 KiB (mprotect's len), 1 wait of
     * 1 ms. waiter's own hold (10 us) is short.
     */
    @Test
    void aLongHoldThatCannotBeSplitIsAFindingOnlyWhenSomeoneWaitedBehindIt() throws Exception {
        try (Ingested db = ingest("mprotects", MPROTECTS)) {
            Finding f = only(findings(db, "long-hold"));
            assertEquals(Map.of("holder_tid", 1612L, "holds", 1L,
                    "longest_hold_ns", 2_000_000L, "blamed_ns", 1_000_000L, "waits", 1L,
                    "range_bytes", 4096L), f.figures());
        }
    }

    /*
     * unmapper 1621 (cpu 0) unmaps 16 MiB (0x1000000) from 80, holding mmap_lock for write
     * 100..20100 (20 ms); hog 1624 preempts it 4100..16100.
     */
    private static final String SIXTEEN_MIB = """
            unmapper 1621 [000] 1600.000080: syscalls:sys_enter_munmap: \
            addr: 0x7f7000000000, len: 0x01000000
            unmapper 1621 [000] 1600.000090: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100160000 memcg_id=1 write=true
            unmapper 1621 [000] 1600.000100: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100160000 memcg_id=1 write=true success=true
            unmapper 1621 [000] 1600.004100: sched:sched_switch: prev_comm=unmapper \
            prev_pid=1621 prev_prio=120 prev_state=R+ ==> next_comm=hog next_pid=1624 \
            next_prio=120
            hog 1624 [000] 1600.016100: sched:sched_switch: prev_comm=hog prev_pid=1624 \
            prev_prio=120 prev_state=R ==> next_comm=unmapper next_pid=1621 next_prio=120
            unmapper 1621 [000] 1600.020100: mmap_lock:mmap_lock_released: \
            mm=0xffff888100160000 memcg_id=1 write=true
            unmapper 1621 [000] 1600.020110: syscalls:sys_exit_munmap: 0x0
            """;

    /*
     * unmapper ran 100..4100 + 16100..20100 = 8 ms of its 20 ms hold. A piece may take 10 ms:
     * 16 MiB x 10 / 8 = 20 MiB (20,971,520) would fit, the power of two at or below it 16 MiB:
     * exactly the range. One piece is the whole range: pieces would not shorten the hold, it
     * was long because unmapper was off CPU. (A range larger than its piece is split:
     * HandWrittenWhatIfTest's munmaps; a smaller one is one piece: HandWrittenScenariosTest's
     * madvise.)
     */
    @Test
    void aRangeExactlyTheSizeOfItsPieceIsOnePieceAndTheHoldWasLongOffCpu() throws Exception {
        try (Ingested db = ingest("sixteen-mib", SIXTEEN_MIB)) {
            Finding f = only(findings(db, "long-hold"));
            assertEquals(Map.of("holder_tid", 1621L, "holds", 1L,
                    "longest_hold_ns", 20_000_000L, "blamed_ns", 0L, "waits", 0L,
                    "range_bytes", 16_777_216L), f.figures());
            assertEquals("Pieces would not shorten these holds: the holder ran 8.00 ms on the "
                    + "whole range, within the 10.00 ms a piece may take, and was off CPU for the "
                    + "rest of the hold.", f.prediction());
            assertEquals(List.of("Keep unmapper 1621 on CPU while it holds mmap_lock (a better "
                    + "priority than the threads that share its CPU, or fewer of them): the work "
                    + "itself is short."), f.recommendations());
        }
    }

    /*
     * unmapper 1631 (cpu 0) unmaps 1 GiB from 80: it holds mmap_lock for write from 100 and
     * downgrades in the same microsecond (100), then holds it for read 100..2100 (2 ms), on
     * CPU throughout.
     */
    private static final String INSTANT_DOWNGRADE = """
            unmapper 1631 [000] 1600.000080: syscalls:sys_enter_munmap: \
            addr: 0x7f7000000000, len: 0x40000000
            unmapper 1631 [000] 1600.000090: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100160000 memcg_id=1 write=true
            unmapper 1631 [000] 1600.000100: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100160000 memcg_id=1 write=true success=true
            unmapper 1631 [000] 1600.000100: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100160000 memcg_id=1 write=false success=true
            unmapper 1631 [000] 1600.002100: mmap_lock:mmap_lock_released: \
            mm=0xffff888100160000 memcg_id=1 write=false
            unmapper 1631 [000] 1600.002110: syscalls:sys_exit_munmap: 0x0
            """;

    /*
     * Holds: the write hold 100..100, downgraded, and the read hold 100..2100. The group has
     * the read hold, 2 ms, its write part of 0 ns folded in. Pieces: 1 GiB x 10 ms / 2 ms = 5
     * GiB fits, capped at 64 MiB; each piece holds 2 ms x 64 MiB / 1 GiB = 125 us; nobody
     * waited: 0 saved. A write part was seen, of no time: the two-phase prediction applies,
     * with 0 ns under the lock for write.
     */
    @Test
    void aMunmapThatDowngradedTheInstantItAcquiredHasAWritePartOfNoTime() throws Exception {
        try (Ingested db = ingest("instant-downgrade", INSTANT_DOWNGRADE)) {
            assertEquals(List.of(
                    row(1L, 1631, "write", 100_000L, 100_000L, "downgraded"),
                    row(2L, 1631, "read", 100_000L, 2_100_000L, "released")),
                    rows(db, "SELECT hold_id, tid, mode, begin_ts - 1600000000000, "
                            + "end_ts - 1600000000000, end_evidence FROM holds ORDER BY hold_id"));
            Finding f = only(findings(db, "long-hold"));
            assertEquals(Map.of("holder_tid", 1631L, "holds", 1L,
                    "longest_hold_ns", 2_000_000L, "blamed_ns", 0L, "waits", 0L,
                    "range_bytes", 1_073_741_824L, "piece_bytes", 67_108_864L,
                    "piece_longest_hold_ns", 125_000L, "piece_saved_ns", 0L,
                    "write_part_ns", 0L), f.figures());
            assertEquals("In pieces of 64 MiB the longest hold would be about 125.00 us, and the "
                    + "waits behind these holds 0 ns shorter. The kernel holds it for write only "
                    + "0 ns and downgrades to read for the unmap itself (2.00 ms): page faults "
                    + "pass, but mmap, mprotect and munmap of other threads still wait. In two "
                    + "phases (madvise(MADV_DONTNEED) of the range first, which takes only the "
                    + "VMA's lock from Linux 6.17, then munmap of the emptied range) about 0 ns "
                    + "stays under mmap_lock: 0 ns less waiting.", f.prediction());
        }
    }

    // ---------------------------------------------------------------------------------------
    // 3. The spinlock finding's query, run again (base 1700 s).
    // ---------------------------------------------------------------------------------------

    private static final String LRU_ADD_STACK = """
            \tffffffff8226e8be __pv_queued_spin_lock_slowpath+0x10e ([kernel.kallsyms])
            \tffffffff8226db4d _raw_spin_lock_irqsave+0x4d ([kernel.kallsyms])
            \tffffffff816aab7f folio_lruvec_lock_irqsave+0x5f ([kernel.kallsyms])
            \tffffffff815b7b28 folio_batch_move_lru+0x88 ([kernel.kallsyms])

            """;

    /*
     * fault-a 1701 (cpu 0) spins on a lruvec lock 1000..1040, fault-b 1702 (cpu 1)
     * 1010..1100, both outside any traced syscall. The finding's query lists the waits on the
     * locks of its name, the longest first: fault-b's 90, then fault-a's 40.
     */
    @Test
    void theQueryOfASpinlockFindingFromWaitsListsTheLongestWaitsOnThatLock() throws Exception {
        String text = """
                fault-a 1701 [000] 1700.001000: lock:contention_begin: 0xffff888117dc2498 \
                (flags=SPIN)
                """ + LRU_ADD_STACK + """
                fault-b 1702 [001] 1700.001010: lock:contention_begin: 0xffff888117dc2498 \
                (flags=SPIN)
                """ + LRU_ADD_STACK + """
                fault-a 1701 [000] 1700.001040: lock:contention_end: 0xffff888117dc2498 (ret=0)
                fault-b 1702 [001] 1700.001100: lock:contention_end: 0xffff888117dc2498 (ret=0)
                """;
        try (Ingested db = ingest("lruvec-query", text)) {
            Finding f = only(findings(db, "spinlock"));
            assertEquals("lruvec lock", f.lock());
            // tid, comm, duration_ns, syscall (the stack's id left out: the store numbers it)
            assertEquals(List.of(row(1702, "fault-b", 90_000L, null),
                    row(1701, "fault-a", 40_000L, null)),
                    rows(db, f.query()).stream().map(r -> r.subList(0, 4)).toList());
        }
    }

    /*
     * A bpftrace map of kernel stacks (values taken as ns): 300000 for a lruvec stack freeing
     * pages, 50000 for one adding to the LRU. The finding's query lists the map's stacks by
     * value, each from the leaf (depth 0) towards the root.
     */
    @Test
    void theQueryOfASpinlockFindingFromBpftraceListsTheMapsStacksByValue() throws Exception {
        String text = """
                Attaching 3 probes...
                @by_stack[
                    __pv_queued_spin_lock_slowpath+347
                    _raw_spin_lock_irqsave+77
                    folio_lruvec_lock_irqsave+95
                    folio_batch_move_lru+136
                ]: 50000
                @by_stack[
                    __pv_queued_spin_lock_slowpath+347
                    _raw_spin_lock_irqsave+77
                    folio_lruvec_lock_irqsave+95
                    folios_put_refs+454
                ]: 300000
                """;
        try (Ingested db = ingest("lruvec-bpftrace-query", text)) {
            Finding f = only(findings(db, "spinlock"));
            assertEquals("lruvec lock", f.lock());
            String lock = "__pv_queued_spin_lock_slowpath <- _raw_spin_lock_irqsave <- "
                    + "folio_lruvec_lock_irqsave <- ";
            assertEquals(List.of(row("@by_stack", 300_000L, lock + "folios_put_refs"),
                    row("@by_stack", 50_000L, lock + "folio_batch_move_lru")),
                    rows(db, f.query()));
        }
    }

    // ---------------------------------------------------------------------------------------
    // 4. Zeroing at long_hold_ns (base 1800 s).
    // ---------------------------------------------------------------------------------------

    /*
     * One cpu-clock sample of toucher 1801 (period 1,000,000 ns) zeroing a page it faults in
     * (clear_page_erms under do_anonymous_page), no lock held: 1 ms of zeroing, none in a
     * hold, nothing blamed. Zeroing is a finding from long_hold_ns of CPU or of waiting behind
     * it: at 1,000,000 it is (exactly 1 ms), at 1,000,001 it is not.
     */
    @Test
    void zeroingExactlyLongHoldNsOfCpuIsAFindingAndANanosecondLessIsNot() throws Exception {
        String text = """
                toucher 1801 [000] 1800.001000:    1000000 cpu-clock:ppp:
                \tffffffff82255667 clear_page_erms+0x7 ([kernel.kallsyms])
                \tffffffff81637628 get_page_from_freelist+0x1668 ([kernel.kallsyms])
                \tffffffff816027ef do_anonymous_page+0x80f ([kernel.kallsyms])
                \tffffffff816049a4 __handle_mm_fault+0xa64 ([kernel.kallsyms])
                \tffffffff81604fa0 handle_mm_fault+0xd0 ([kernel.kallsyms])
                \tffffffff8225f846 exc_page_fault+0x176 ([kernel.kallsyms])

                """;
        try (Ingested db = ingest("zeroing-one-millisecond", text)) {
            Finding f = only(findings(db, "zeroing"));
            assertEquals(0L, f.savedNs());
            assertEquals(Map.of("zeroing_samples", 1L, "samples", 1L,
                    "zeroing_period", 1_000_000L, "zeroing_in_holds_ns", 0L, "blamed_ns", 0L),
                    f.figures());
            assertEquals(List.of(), findings(db, "zeroing",
                    SHIPPED.with("long_hold_ns", 1_000_001L)));
        }
    }

    /*
     * toucher 1811 (cpu 0) populates 8 MiB with madvise(MADV_POPULATE_WRITE) from 80, holding
     * mmap_lock (mm 0xffff888100180000) for read 100..2100 (2 ms, on CPU); its one sample in
     * the hold, at 600 (period 250,000 ns), is zeroing. mprotector 1812 (cpu 1, mprotect from
     * 1000) queues for write at 1100 and sleeps; the release wakes it (2105), it runs at 2120
     * and holds 2130..2140.
     */
    private static final String ZEROING_UNDER_A_HOLD = """
            toucher 1811 [000] 1800.000080: syscalls:sys_enter_madvise: \
            start: 0x7f8000000000, len_in: 0x00800000, behavior: 0x00000017
            toucher 1811 [000] 1800.000090: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100180000 memcg_id=1 write=false
            toucher 1811 [000] 1800.000100: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100180000 memcg_id=1 write=false success=true
            toucher 1811 [000] 1800.000600:     250000 cpu-clock:ppp:
            \tffffffff82255667 clear_page_erms+0x7 ([kernel.kallsyms])
            \tffffffff81637628 get_page_from_freelist+0x1668 ([kernel.kallsyms])
            \tffffffff816027ef do_anonymous_page+0x80f ([kernel.kallsyms])
            \tffffffff816049a4 __handle_mm_fault+0xa64 ([kernel.kallsyms])
            \tffffffff81604fa0 handle_mm_fault+0xd0 ([kernel.kallsyms])
            \tffffffff815f1a20 __get_user_pages+0x1f0 ([kernel.kallsyms])
            \tffffffff81655a10 madvise_populate+0x70 ([kernel.kallsyms])
            \tffffffff81655d67 do_madvise+0x137 ([kernel.kallsyms])

            mprotector 1812 [001] 1800.001000: syscalls:sys_enter_mprotect: \
            start: 0x7f8000000000, len: 0x00001000, prot: 0x00000001
            mprotector 1812 [001] 1800.001090: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100180000 memcg_id=1 write=true
            mprotector 1812 [001] 1800.001100: lock:contention_begin: 0xffff8881001800b8 \
            (flags=WRITE)
            mprotector 1812 [001] 1800.001110: sched:sched_switch: prev_comm=mprotector \
            prev_pid=1812 prev_prio=120 prev_state=D ==> next_comm=swapper/1 next_pid=0 \
            next_prio=120
            toucher 1811 [000] 1800.002100: mmap_lock:mmap_lock_released: \
            mm=0xffff888100180000 memcg_id=1 write=false
            toucher 1811 [000] 1800.002105: sched:sched_waking: comm=mprotector pid=1812 \
            prio=120 target_cpu=001
            toucher 1811 [000] 1800.002110: syscalls:sys_exit_madvise: 0x0
            swapper 0 [001] 1800.002120: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=mprotector next_pid=1812 next_prio=120
            mprotector 1812 [001] 1800.002130: lock:contention_end: 0xffff8881001800b8 (ret=0)
            mprotector 1812 [001] 1800.002130: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100180000 memcg_id=1 write=true success=true
            mprotector 1812 [001] 1800.002140: mmap_lock:mmap_lock_released: \
            mm=0xffff888100180000 memcg_id=1 write=true
            mprotector 1812 [001] 1800.002150: syscalls:sys_exit_mprotect: 0x0
            """;

    /*
     * Zeroing: 1 sample of 250 us of CPU, below long_hold_ns. The hold, 2 ms, has 1 sample of
     * toucher's, zeroing: all 2 ms of it zeroing. Blamed on it: mprotector's wait while
     * toucher held, 1100..2100 = 1 ms (then its own wakeup); in proportion to the zeroing's
     * share, 1 ms x 2 / 2 = 1,000,000: exactly long_hold_ns, a finding (saving 1 ms); with
     * long_hold_ns 1,000,001, neither is enough: none.
     */
    @Test
    void waitingBehindZeroingOfExactlyLongHoldNsIsAFindingAndANanosecondLessIsNot()
            throws Exception {
        try (Ingested db = ingest("zeroing-under-a-hold", ZEROING_UNDER_A_HOLD)) {
            Finding f = only(findings(db, "zeroing"));
            assertEquals(1_000_000L, f.savedNs());
            assertEquals(Map.of("zeroing_samples", 1L, "samples", 1L,
                    "zeroing_period", 250_000L, "zeroing_in_holds_ns", 2_000_000L,
                    "blamed_ns", 1_000_000L), f.figures());
            assertEquals(List.of(), findings(db, "zeroing",
                    SHIPPED.with("long_hold_ns", 1_000_001L)));
        }
    }

    // ---------------------------------------------------------------------------------------

    private static Finding only(List<Finding> found) {
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private Ingested ingest(String name, String text) throws IOException {
        return HandTraces.ingest(dir, name, text);
    }
}
