package dev.ptrace.analyze.analysis.scenarios;

import static dev.ptrace.analyze.analysis.scenarios.HandTraces.assertSays;
import static dev.ptrace.analyze.analysis.scenarios.HandTraces.findings;
import static dev.ptrace.analyze.analysis.scenarios.HandTraces.row;
import static dev.ptrace.analyze.analysis.scenarios.HandTraces.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.findings.Findings;
import dev.ptrace.analyze.analysis.scenarios.HandTraces.Ingested;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The what-if models (docs/findings.md) on small perf script traces written by hand, one model
 * each, in the manner of {@link HandWrittenScenariosTest}: each prediction worked out by hand
 * from the events and the model's rules (what-if.tsv: long_hold_ns 1 ms, range_piece_ns 10 ms,
 * range_piece_bytes 64 MiB, malloc thresholds 128 KiB .. 32 MiB, chunk overhead 8, pages of
 * 4 KiB, page-table lock findings from 1 ms) in the comment above the assertions, never copied
 * from the tool's output. Times in the comments are microseconds after the scenario's base
 * time; the assertions are in nanoseconds. Threads on one CPU run until the trace switches
 * them out; a thread's own event says it runs.
 */
class HandWrittenWhatIfTest {
    @TempDir
    Path dir;

    // ---------------------------------------------------------------------------------------
    // 6. A malloc chunk freed and mapped again: glibc's threshold fixed by hand.
    // ---------------------------------------------------------------------------------------

    private static final long T6 = 600_000_000_000L;

    /*
     * mm 0xffff8881000c0000 (its rwsem 0xffff8881000c00b8). wl 601 (cpu 0) first maps 8 KiB of
     * a file (prot 1, MAP_PRIVATE, fd 3: not a malloc chunk) at 20..60. Then, three times, it
     * mallocs 1 MiB, as glibc does above the mmap threshold: mmap(NULL, 0x101000 = 1 MiB +
     * 4 KiB: the request, its header, rounded to pages, PROT_READ|PROT_WRITE,
     * MAP_PRIVATE|MAP_ANONYMOUS) returns 0x7f6000000000, and frees it: munmap of the same
     * address and length. Each call takes mmap_lock for write.
     * Cycle 1: mmap 100..160 (held 120..150), munmap 200..1230 (held 220..1220). faulter 602
     * (cpu 1) faults at 300, waits for read from 310 and sleeps; wl's release wakes it (1225),
     * it runs at 1240 and holds the lock for read 1250..1400.
     * Cycle 2: wl's mmap 1300..1470 queues for write at 1320 behind faulter's read hold and
     * sleeps; faulter's release wakes it (1405), it runs at 1420, holds 1430..1460; munmap
     * 1500..1610 (held 1520..1600).
     * Cycle 3: mmap 1700..1760 (held 1720..1750), munmap 1800..1910 (held 1820..1900).
     */
    private static final String CHURN = """
            wl 601 [000] 600.000020: syscalls:sys_enter_mmap: addr: 0x00000000, \
            len: 0x00002000, prot: 0x00000001, flags: 0x00000002, fd: 0x00000003, \
            off: 0x00000000
            wl 601 [000] 600.000030: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.000040: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000c0000 memcg_id=1 write=true success=true
            wl 601 [000] 600.000050: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.000060: syscalls:sys_exit_mmap: 0x7f6100000000
            wl 601 [000] 600.000100: syscalls:sys_enter_mmap: addr: 0x00000000, \
            len: 0x00101000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
            off: 0x00000000
            wl 601 [000] 600.000110: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.000120: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000c0000 memcg_id=1 write=true success=true
            wl 601 [000] 600.000150: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.000160: syscalls:sys_exit_mmap: 0x7f6000000000
            wl 601 [000] 600.000200: syscalls:sys_enter_munmap: addr: 0x7f6000000000, \
            len: 0x00101000
            wl 601 [000] 600.000210: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.000220: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000c0000 memcg_id=1 write=true success=true
            faulter 602 [001] 600.000300: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000c0000 memcg_id=1 write=false
            faulter 602 [001] 600.000310: lock:contention_begin: 0xffff8881000c00b8 (flags=READ)
            faulter 602 [001] 600.000320: sched:sched_switch: prev_comm=faulter prev_pid=602 \
            prev_prio=120 prev_state=D ==> next_comm=swapper/1 next_pid=0 next_prio=120
            wl 601 [000] 600.001220: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.001225: sched:sched_waking: comm=faulter pid=602 prio=120 \
            target_cpu=001
            wl 601 [000] 600.001230: syscalls:sys_exit_munmap: 0x0
            swapper 0 [001] 600.001240: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=faulter next_pid=602 next_prio=120
            faulter 602 [001] 600.001250: lock:contention_end: 0xffff8881000c00b8 (ret=0)
            faulter 602 [001] 600.001250: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000c0000 memcg_id=1 write=false success=true
            wl 601 [000] 600.001300: syscalls:sys_enter_mmap: addr: 0x00000000, \
            len: 0x00101000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
            off: 0x00000000
            wl 601 [000] 600.001310: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.001320: lock:contention_begin: 0xffff8881000c00b8 (flags=WRITE)
            wl 601 [000] 600.001330: sched:sched_switch: prev_comm=wl prev_pid=601 \
            prev_prio=120 prev_state=D ==> next_comm=swapper/0 next_pid=0 next_prio=120
            faulter 602 [001] 600.001400: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000c0000 memcg_id=1 write=false
            faulter 602 [001] 600.001405: sched:sched_waking: comm=wl pid=601 prio=120 \
            target_cpu=000
            swapper 0 [000] 600.001420: sched:sched_switch: prev_comm=swapper/0 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=wl next_pid=601 next_prio=120
            wl 601 [000] 600.001430: lock:contention_end: 0xffff8881000c00b8 (ret=0)
            wl 601 [000] 600.001430: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000c0000 memcg_id=1 write=true success=true
            wl 601 [000] 600.001460: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.001470: syscalls:sys_exit_mmap: 0x7f6000000000
            wl 601 [000] 600.001500: syscalls:sys_enter_munmap: addr: 0x7f6000000000, \
            len: 0x00101000
            wl 601 [000] 600.001510: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.001520: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000c0000 memcg_id=1 write=true success=true
            wl 601 [000] 600.001600: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.001610: syscalls:sys_exit_munmap: 0x0
            wl 601 [000] 600.001700: syscalls:sys_enter_mmap: addr: 0x00000000, \
            len: 0x00101000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
            off: 0x00000000
            wl 601 [000] 600.001710: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.001720: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000c0000 memcg_id=1 write=true success=true
            wl 601 [000] 600.001750: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.001760: syscalls:sys_exit_mmap: 0x7f6000000000
            wl 601 [000] 600.001800: syscalls:sys_enter_munmap: addr: 0x7f6000000000, \
            len: 0x00101000
            wl 601 [000] 600.001810: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.001820: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000c0000 memcg_id=1 write=true success=true
            wl 601 [000] 600.001900: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000c0000 memcg_id=1 write=true
            wl 601 [000] 600.001910: syscalls:sys_exit_munmap: 0x0
            """;

    /*
     * Calls: 4 mmaps (the file's and three chunks), 3 munmaps. The chunks: three of 0x101000
     * = 1,052,672 bytes, each unmapped whole at the address its mmap returned.
     * glibc's dynamic threshold replayed: 128 KiB (131,072) at first; chunk 1's request (at
     * most 1,052,672 - 8 = 1,052,664) is above it, so mmap; its free (1,052,672 > 131,072 and
     * <= 32 MiB) raises the threshold to 1,052,672. Chunks 2 and 3 (<= 1,052,664 <
     * 1,052,672) would have stayed in the heap: they went to mmap after an at least as large
     * chunk was freed, so the threshold was fixed by hand (mallopt or the environment). The
     * recommended threshold: the power of two above the largest such chunk, 2^20 = 1,048,576
     * < 1,052,672 <= 2^21: 2,097,152 (<= 32 MiB), trim threshold twice that, 4,194,304.
     * Every chunk is below it (1,052,664 < 2,097,152): all six calls go (7 - 6 = 1 left, the
     * file's mmap).
     * The mmap_lock waiting that goes with them: faulter's wait 310..1250 (940) is not in a
     * removed call (a fault), but its blame is wl holding the lock in munmap 1 (200..1230)
     * 310..1220 (910, running); the rest, 1220..1250, is faulter's own wakeup. wl's wait
     * 1320..1430 (110) is inside mmap 2 (1300..1470): it goes whole. 910 + 110 = 1020, 2 waits.
     */
    @Test
    void chunkMappedAgainAfterAnEqualFreeMeansAFixedThresholdAndTwoMibWouldRemoveItsCalls()
            throws Exception {
        try (Ingested db = ingest("churn", CHURN)) {
            assertEquals(List.of(
                    row(1L, 602, "rwsem:R", 310_000L, 1_250_000L, 940_000L, null),
                    row(2L, 601, "rwsem:W", 1_320_000L, 1_430_000L, 110_000L, "mmap")),
                    rows(db, "SELECT wait_id, tid, lock_type, begin_ts - " + T6
                            + ", end_ts - " + T6 + ", duration_ns, syscall FROM waits "
                            + "ORDER BY wait_id"));
            Finding f = only(db, "mmap-threshold");
            assertEquals(1_020_000L, f.savedNs());
            assertEquals("mmap_lock", f.lock());
            assertEquals(Map.of("recommended_threshold", 2_097_152L,
                    "recommended_trim_threshold", 4_194_304L,
                    "largest_chunk_bytes", 1_052_672L,
                    "chunks", 3L,
                    "chunks_dynamic_would_keep", 2L,
                    "mmap_calls", 4L,
                    "munmap_calls", 3L,
                    "calls_removed", 6L,
                    "waits_removed", 2L,
                    "wait_ns_removed", 1_020_000L), f.figures());
            assertSays(f, "malloc above a fixed mmap threshold: 3 allocations of 3 x 1028 KiB"
                            + " went to mmap and back to munmap",
                    List.of("4 mmap and 3 munmap calls; 3 of the mmaps are malloc chunks "
                                    + "unmapped whole (3 x 1028 KiB)",
                            "2 chunks were mapped after a chunk at least as large was freed",
                            "mmap_lock waits in those calls or behind them: 2 waits, 1.02 ms"),
                    "With M_MMAP_THRESHOLD = 2097152 and M_TRIM_THRESHOLD = 4194304, 6 of the 7 "
                            + "mmap/munmap calls stay in the heap (1 remain) and 1.02 ms of "
                            + "mmap_lock waiting (2 waits) goes away.");
            assertEquals("Set both at start-up: mallopt(M_MMAP_THRESHOLD, 2097152); "
                    + "mallopt(M_TRIM_THRESHOLD, 4194304);", f.recommendations().get(0));
            assertEquals(List.of(), f.notes().stream().filter(n -> n.contains("above 32 MiB"))
                    .toList());
        }
    }

    /*
     * The same chunks without the repeat: wl maps two of 0x101000 (at 0x7f6000000000 and
     * 0x7f6000200000) before it frees either, then frees both. When each was mapped nothing
     * had been freed yet, so the threshold was still 128 KiB and glibc's dynamic threshold
     * would have sent both to mmap too: nothing says it was fixed by hand, no finding.
     */
    @Test
    void chunksAllMappedBeforeTheFirstFreeGiveNoThresholdFinding() throws Exception {
        String text = """
                wl 601 [000] 600.000100: syscalls:sys_enter_mmap: addr: 0x00000000, \
                len: 0x00101000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
                off: 0x00000000
                wl 601 [000] 600.000160: syscalls:sys_exit_mmap: 0x7f6000000000
                wl 601 [000] 600.000200: syscalls:sys_enter_mmap: addr: 0x00000000, \
                len: 0x00101000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
                off: 0x00000000
                wl 601 [000] 600.000260: syscalls:sys_exit_mmap: 0x7f6000200000
                wl 601 [000] 600.000300: syscalls:sys_enter_munmap: addr: 0x7f6000000000, \
                len: 0x00101000
                wl 601 [000] 600.000330: syscalls:sys_exit_munmap: 0x0
                wl 601 [000] 600.000400: syscalls:sys_enter_munmap: addr: 0x7f6000200000, \
                len: 0x00101000
                wl 601 [000] 600.000430: syscalls:sys_exit_munmap: 0x0
                """;
        try (Ingested db = ingest("no-repeat", text)) {
            assertEquals(List.of(), findings(db, "mmap-threshold"));
        }
    }

    /*
     * Chunks of several sizes, one thread, no lock waits. glibc's threshold replayed: 131,072
     * at first. A (0x21000 = 135,168) maps (135,160 is not below 131,072) and its free raises
     * the threshold to 135,168; B, as large, would have stayed in the heap (135,160 <
     * 135,168). C (0x2000000 = 32 MiB, exactly the largest threshold) maps, and its free
     * raises the threshold to 33,554,432; D (0x1fff000 = 33,550,336) would have stayed. E
     * (0x2001000 = 33,558,528) maps, and its free, above 32 MiB, raises nothing. F (0x21000)
     * is mapped and never freed: a chunk of a size freed before, counted; G (0x22000) too, but
     * of a size never freed: not known to be a chunk, left out.
     * Chunks A..F: 6, of 4 sizes (135,168 three times); 3 would have stayed (B, D, F). The
     * largest, 33,550,336: the power of two above it, 2^25 = 33,554,432, at most 32 MiB. E's
     * request (33,558,520) is not below it: E stays in mmap. Removed: A, B, C, D both calls
     * (8) and F's mmap (1) = 9 of the 12 calls (7 mmaps, 5 munmaps); 3 remain (E's two, G).
     */
    @Test
    void chunksUpToTheLargestThresholdAreKeptAndOneAboveItStaysInMmap() throws Exception {
        String text = """
                wl 611 [000] 610.000100: syscalls:sys_enter_mmap: addr: 0x00000000, \
                len: 0x00021000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
                off: 0x00000000
                wl 611 [000] 610.000110: syscalls:sys_exit_mmap: 0x7f6000000000
                wl 611 [000] 610.000200: syscalls:sys_enter_munmap: addr: 0x7f6000000000, \
                len: 0x00021000
                wl 611 [000] 610.000210: syscalls:sys_exit_munmap: 0x0
                wl 611 [000] 610.000300: syscalls:sys_enter_mmap: addr: 0x00000000, \
                len: 0x00021000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
                off: 0x00000000
                wl 611 [000] 610.000310: syscalls:sys_exit_mmap: 0x7f6000100000
                wl 611 [000] 610.000400: syscalls:sys_enter_munmap: addr: 0x7f6000100000, \
                len: 0x00021000
                wl 611 [000] 610.000410: syscalls:sys_exit_munmap: 0x0
                wl 611 [000] 610.000500: syscalls:sys_enter_mmap: addr: 0x00000000, \
                len: 0x02000000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
                off: 0x00000000
                wl 611 [000] 610.000510: syscalls:sys_exit_mmap: 0x7f6010000000
                wl 611 [000] 610.000600: syscalls:sys_enter_munmap: addr: 0x7f6010000000, \
                len: 0x02000000
                wl 611 [000] 610.000610: syscalls:sys_exit_munmap: 0x0
                wl 611 [000] 610.000700: syscalls:sys_enter_mmap: addr: 0x00000000, \
                len: 0x01fff000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
                off: 0x00000000
                wl 611 [000] 610.000710: syscalls:sys_exit_mmap: 0x7f6020000000
                wl 611 [000] 610.000800: syscalls:sys_enter_munmap: addr: 0x7f6020000000, \
                len: 0x01fff000
                wl 611 [000] 610.000810: syscalls:sys_exit_munmap: 0x0
                wl 611 [000] 610.000900: syscalls:sys_enter_mmap: addr: 0x00000000, \
                len: 0x02001000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
                off: 0x00000000
                wl 611 [000] 610.000910: syscalls:sys_exit_mmap: 0x7f6030000000
                wl 611 [000] 610.001000: syscalls:sys_enter_munmap: addr: 0x7f6030000000, \
                len: 0x02001000
                wl 611 [000] 610.001010: syscalls:sys_exit_munmap: 0x0
                wl 611 [000] 610.001100: syscalls:sys_enter_mmap: addr: 0x00000000, \
                len: 0x00021000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
                off: 0x00000000
                wl 611 [000] 610.001110: syscalls:sys_exit_mmap: 0x7f6040000000
                wl 611 [000] 610.001200: syscalls:sys_enter_mmap: addr: 0x00000000, \
                len: 0x00022000, prot: 0x00000003, flags: 0x00000022, fd: 0xffffffff, \
                off: 0x00000000
                wl 611 [000] 610.001210: syscalls:sys_exit_mmap: 0x7f6050000000
                """;
        try (Ingested db = ingest("sizes", text)) {
            Finding f = only(db, "mmap-threshold");
            assertEquals(0L, f.savedNs());
            assertEquals(Map.of("recommended_threshold", 33_554_432L,
                    "recommended_trim_threshold", 67_108_864L,
                    "largest_chunk_bytes", 33_550_336L,
                    "chunks", 6L,
                    "chunks_dynamic_would_keep", 3L,
                    "mmap_calls", 7L,
                    "munmap_calls", 5L,
                    "calls_removed", 9L,
                    "waits_removed", 0L,
                    "wait_ns_removed", 0L), f.figures());
            // the sizes by count, ties by size, three at most: 135,168 = 132 KiB, 33,550,336 =
            // 32,764 KiB, 33,554,432 = 32 MiB, and E's size left to "..."
            assertSays(f, "malloc above a fixed mmap threshold: 6 allocations of 3 x 132 KiB, "
                            + "1 x 32764 KiB, 1 x 32 MiB, ... went to mmap and back to munmap",
                    List.of("7 mmap and 5 munmap calls; 6 of the mmaps are malloc chunks unmapped"
                                    + " whole (3 x 132 KiB, 1 x 32764 KiB, 1 x 32 MiB, ...)",
                            "3 chunks were mapped after a chunk at least as large was freed",
                            "mmap_lock waits in those calls or behind them: 0 waits, 0 ns"),
                    "With M_MMAP_THRESHOLD = 33554432 and M_TRIM_THRESHOLD = 67108864, 9 of the "
                            + "12 mmap/munmap calls stay in the heap (3 remain) and 0 ns of "
                            + "mmap_lock waiting (0 waits) goes away.");
            assertEquals("1 allocations are above 32 MiB and go to mmap whatever the threshold: "
                    + "reuse those buffers instead.", f.notes().get(f.notes().size() - 1));
        }
    }

    // ---------------------------------------------------------------------------------------
    // 7. A long munmap holding mmap_lock: done in pieces, or in two phases.
    // ---------------------------------------------------------------------------------------

    private static final long T7 = 700_000_000_000L;

    /*
     * unmapper 701 (cpu 0) unmaps 1 GiB (0x40000000) from 80, holding mmap_lock for write
     * 100..80100 (80 ms) without a downgrade and without leaving its CPU. faulter 702 (cpu 1)
     * faults at 20000, waits for read from 20010 and sleeps; the release wakes it (80105),
     * it runs at 80120, holds 80130..80140.
     */
    private static final String LONG_MUNMAP = """
            unmapper 701 [000] 700.000080: syscalls:sys_enter_munmap: addr: 0x7f7000000000, \
            len: 0x40000000
            unmapper 701 [000] 700.000090: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000d0000 memcg_id=1 write=true
            unmapper 701 [000] 700.000100: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000d0000 memcg_id=1 write=true success=true
            faulter 702 [001] 700.020000: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000d0000 memcg_id=1 write=false
            faulter 702 [001] 700.020010: lock:contention_begin: 0xffff8881000d00b8 (flags=READ)
            faulter 702 [001] 700.020020: sched:sched_switch: prev_comm=faulter prev_pid=702 \
            prev_prio=120 prev_state=D ==> next_comm=swapper/1 next_pid=0 next_prio=120
            unmapper 701 [000] 700.080100: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000d0000 memcg_id=1 write=true
            unmapper 701 [000] 700.080105: sched:sched_waking: comm=faulter pid=702 prio=120 \
            target_cpu=001
            unmapper 701 [000] 700.080110: syscalls:sys_exit_munmap: 0x0
            swapper 0 [001] 700.080120: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=faulter next_pid=702 next_prio=120
            faulter 702 [001] 700.080130: lock:contention_end: 0xffff8881000d00b8 (ret=0)
            faulter 702 [001] 700.080130: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000d0000 memcg_id=1 write=false success=true
            faulter 702 [001] 700.080140: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000d0000 memcg_id=1 write=false
            """;

    /*
     * One group: unmapper's munmap, 1 hold of 80 ms (>= 1 ms), 1 GiB, the holder on CPU all
     * of it (80 ms). Blamed on it: faulter's wait while unmapper held, 20010..80100 = 60090
     * (the 30 after the release are faulter's own wakeup, no hold's).
     * Pieces: 1 GiB x 10 ms / 80 ms = 128 MiB would fit in 10 ms, above 64 MiB, so 64 MiB
     * pieces; each holds for 80 ms x 64 MiB / 1 GiB = 80 / 16 = 5 ms; the wait behind it
     * shrinks to one piece: (60090 - 5000) x (80 ms on CPU / 80 ms held = 1) = 55090 saved.
     * No downgrade: no two-phase prediction. Saved 55090. (faulter's own hold is 10: none.)
     */
    @Test
    void eightyMillisecondMunmapOfOneGibInSixtyFourMibPiecesLeavesFiveMillisecondHolds()
            throws Exception {
        try (Ingested db = ingest("long-munmap", LONG_MUNMAP)) {
            Finding f = only(db, "long-hold");
            assertEquals(55_090_000L, f.savedNs());
            assertEquals("mmap_lock", f.lock());
            assertEquals(Map.of("holder_tid", 701L, "holds", 1L,
                    "longest_hold_ns", 80_000_000L, "blamed_ns", 60_090_000L, "waits", 1L,
                    "range_bytes", 1_073_741_824L, "piece_bytes", 67_108_864L,
                    "piece_longest_hold_ns", 5_000_000L, "piece_saved_ns", 55_090_000L),
                    f.figures());
            assertSays(f, "munmap (unmapper 701) held mmap_lock for up to 80.00 ms (1 holds, "
                            + "1 GiB each): other threads waited 60.09 ms behind it (1 waits)",
                    List.of("1 holds by unmapper 701, the longest 80.00 ms, 80.00 ms in all",
                            "1 waits of other threads blamed on them: 60.09 ms"),
                    "In pieces of 64 MiB the longest hold would be about 5.00 ms, and the waits "
                            + "behind these holds 55.09 ms shorter.");
            assertEquals(List.of("Unmap large ranges in pieces of 64 MiB (each munmap takes and "
                    + "drops the lock), or in two phases: madvise(MADV_DONTNEED) the range, then "
                    + "munmap it."), f.recommendations());
        }
    }

    /*
     * The same munmap downgrading: unmapper holds for write 100..300 (mmap_write_downgrade
     * traces an acquire_returned for read), then for read 300..80100 (79.8 ms). mprotector 703
     * (cpu 1, in mprotect from 20000) queues for write at 20010 behind the read hold and
     * sleeps; the release wakes it (80105); it runs at 80120, holds 80130..80140.
     * The group has the read hold, 79.8 ms, its write part 200 folded in; blamed on it:
     * 20010..80100 = 60090. Pieces: 1 GiB x 10 ms / 79.8 ms = 134.55 MB, highest power of two
     * 128 MiB, above 64 MiB: 64 MiB pieces, each 79.8 ms / 16 = 4987.5 us; saved in pieces
     * (60090 - 4987.5) x 1 = 55102.5. In two phases only the write part (200 us) stays under
     * the lock: all 60090 blamed on the read part goes. Saved: the larger, 60090.
     */
    @Test
    void downgradedMunmapInTwoPhasesSavesAllTheWaitingBlamedOnItsReadPart() throws Exception {
        String text = """
                unmapper 701 [000] 700.000080: syscalls:sys_enter_munmap: \
                addr: 0x7f7000000000, len: 0x40000000
                unmapper 701 [000] 700.000090: mmap_lock:mmap_lock_start_locking: \
                mm=0xffff8881000d0000 memcg_id=1 write=true
                unmapper 701 [000] 700.000100: mmap_lock:mmap_lock_acquire_returned: \
                mm=0xffff8881000d0000 memcg_id=1 write=true success=true
                unmapper 701 [000] 700.000300: mmap_lock:mmap_lock_acquire_returned: \
                mm=0xffff8881000d0000 memcg_id=1 write=false success=true
                mprotector 703 [001] 700.020000: syscalls:sys_enter_mprotect: \
                start: 0x7f7100000000, len: 0x00001000, prot: 0x00000001
                mprotector 703 [001] 700.020005: mmap_lock:mmap_lock_start_locking: \
                mm=0xffff8881000d0000 memcg_id=1 write=true
                mprotector 703 [001] 700.020010: lock:contention_begin: 0xffff8881000d00b8 \
                (flags=WRITE)
                mprotector 703 [001] 700.020020: sched:sched_switch: prev_comm=mprotector \
                prev_pid=703 prev_prio=120 prev_state=D ==> next_comm=swapper/1 next_pid=0 \
                next_prio=120
                unmapper 701 [000] 700.080100: mmap_lock:mmap_lock_released: \
                mm=0xffff8881000d0000 memcg_id=1 write=false
                unmapper 701 [000] 700.080105: sched:sched_waking: comm=mprotector pid=703 \
                prio=120 target_cpu=001
                unmapper 701 [000] 700.080110: syscalls:sys_exit_munmap: 0x0
                swapper 0 [001] 700.080120: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 \
                prev_prio=120 prev_state=R ==> next_comm=mprotector next_pid=703 next_prio=120
                mprotector 703 [001] 700.080130: lock:contention_end: 0xffff8881000d00b8 (ret=0)
                mprotector 703 [001] 700.080130: mmap_lock:mmap_lock_acquire_returned: \
                mm=0xffff8881000d0000 memcg_id=1 write=true success=true
                mprotector 703 [001] 700.080140: mmap_lock:mmap_lock_released: \
                mm=0xffff8881000d0000 memcg_id=1 write=true
                mprotector 703 [001] 700.080150: syscalls:sys_exit_mprotect: 0x0
                """;
        try (Ingested db = ingest("downgraded-munmap", text)) {
            assertEquals(List.of(
                    row(1L, 701, "write", 100_000L, 300_000L, "downgraded"),
                    row(2L, 701, "read", 300_000L, 80_100_000L, "released"),
                    row(3L, 703, "write", 80_130_000L, 80_140_000L, "released")),
                    rows(db, "SELECT hold_id, tid, mode, begin_ts - " + T7 + ", end_ts - " + T7
                            + ", end_evidence FROM holds ORDER BY hold_id"));
            Finding f = only(db, "long-hold");
            assertEquals(60_090_000L, f.savedNs());
            assertEquals(Map.of("holder_tid", 701L, "holds", 1L,
                    "longest_hold_ns", 79_800_000L, "blamed_ns", 60_090_000L, "waits", 1L,
                    "range_bytes", 1_073_741_824L, "piece_bytes", 67_108_864L,
                    "piece_longest_hold_ns", 4_987_500L, "piece_saved_ns", 55_102_500L,
                    "write_part_ns", 200_000L), f.figures());
            assertSays(f, "munmap (unmapper 701) held mmap_lock for up to 79.80 ms (1 holds, "
                            + "1 GiB each): other threads waited 60.09 ms behind it (1 waits)",
                    List.of("1 holds by unmapper 701, the longest 79.80 ms, 79.80 ms in all",
                            "1 waits of other threads blamed on them: 60.09 ms"),
                    "In pieces of 64 MiB the longest hold would be about 4.99 ms, and the waits "
                            + "behind these holds 55.10 ms shorter. The kernel holds it for "
                            + "write only 200.00 us and downgrades to read for the unmap itself "
                            + "(79.80 ms): page faults pass, but mmap, mprotect and munmap of "
                            + "other threads still wait. In two phases (madvise(MADV_DONTNEED) "
                            + "of the range first, which takes only the VMA's lock from Linux "
                            + "6.17, then munmap of the emptied range) about 200.00 us stays "
                            + "under mmap_lock: 60.09 ms less waiting.");
        }
    }

    /*
     * A wait that begins in the munmap's write part and goes on into its read part: unmapper
     * 701 (cpu 0) unmaps 1 GiB from 80, holds mmap_lock for write 100..1100 (1 ms), downgrades
     * at 1100 and holds for read 1100..80100 (79 ms), on its CPU throughout. mprotector 703
     * (cpu 1, in mprotect from 500) queues for write at 510, during the write part, and
     * sleeps; the release wakes it (80105), it runs at 80120, holds 80130..80140.
     */
    private static final String WAIT_ACROSS_DOWNGRADE = """
            unmapper 701 [000] 700.000080: syscalls:sys_enter_munmap: \
            addr: 0x7f7000000000, len: 0x40000000
            unmapper 701 [000] 700.000090: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000d0000 memcg_id=1 write=true
            unmapper 701 [000] 700.000100: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000d0000 memcg_id=1 write=true success=true
            mprotector 703 [001] 700.000500: syscalls:sys_enter_mprotect: \
            start: 0x7f7100000000, len: 0x00001000, prot: 0x00000001
            mprotector 703 [001] 700.000505: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000d0000 memcg_id=1 write=true
            mprotector 703 [001] 700.000510: lock:contention_begin: 0xffff8881000d00b8 \
            (flags=WRITE)
            mprotector 703 [001] 700.000520: sched:sched_switch: prev_comm=mprotector \
            prev_pid=703 prev_prio=120 prev_state=D ==> next_comm=swapper/1 next_pid=0 \
            next_prio=120
            unmapper 701 [000] 700.001100: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000d0000 memcg_id=1 write=false success=true
            unmapper 701 [000] 700.080100: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000d0000 memcg_id=1 write=false
            unmapper 701 [000] 700.080105: sched:sched_waking: comm=mprotector pid=703 \
            prio=120 target_cpu=001
            unmapper 701 [000] 700.080110: syscalls:sys_exit_munmap: 0x0
            swapper 0 [001] 700.080120: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=mprotector next_pid=703 next_prio=120
            mprotector 703 [001] 700.080130: lock:contention_end: 0xffff8881000d00b8 (ret=0)
            mprotector 703 [001] 700.080130: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000d0000 memcg_id=1 write=true success=true
            mprotector 703 [001] 700.080140: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000d0000 memcg_id=1 write=true
            mprotector 703 [001] 700.080150: syscalls:sys_exit_mprotect: 0x0
            """;

    /*
     * Holds: 1 unmapper write 100..1100 (downgraded), 2 unmapper read 1100..80100, 3
     * mprotector write 80130..80140. mprotector's wait 510..80130 waits for unmapper (holder,
     * running) 510..80100, in the hold in force: 510..1100 (590) in hold 1, 1100..80100 (79000)
     * in hold 2; 80100..80130 is its own wakeup (handoff: blocked ..80105, runnable ..80120,
     * running ..80130), no hold's.
     * The group has the read hold, 79 ms, its write part 1000 folded in; blamed on it: 79000
     * (1 wait). The 590 behind the write part stays in two phases, so it is not counted.
     * Pieces: 1 GiB x 10 ms / 79 ms = 135.92 MB, highest power of two 128 MiB, above 64 MiB:
     * 64 MiB pieces, each 79 ms / 16 = 4937.5 us; saved in pieces (79000 - 4937.5) x 1 =
     * 74062.5. In two phases only the write part (1 ms) stays: all 79000 goes. Saved: 79000.
     */
    @Test
    void waitBegunInTheWritePartIsBlamedOnTheReadPartFromTheDowngradeOn() throws Exception {
        try (Ingested db = ingest("wait-across-downgrade", WAIT_ACROSS_DOWNGRADE)) {
            assertEquals(List.of(
                    row(701, "holder", "running", 510_000L, 1_100_000L, 1L),
                    row(701, "holder", "running", 1_100_000L, 80_100_000L, 2L),
                    row(703, "handoff", "blocked", 80_100_000L, 80_105_000L, null),
                    row(703, "handoff", "runnable", 80_105_000L, 80_120_000L, null),
                    row(703, "handoff", "running", 80_120_000L, 80_130_000L, null)),
                    rows(db, "SELECT blocker_tid, relation, blocker_state, begin_ts - " + T7
                            + ", end_ts - " + T7 + ", hold_id FROM blame ORDER BY begin_ts"));
            Finding f = only(db, "long-hold");
            assertEquals(79_000_000L, f.savedNs());
            assertEquals(Map.of("holder_tid", 701L, "holds", 1L,
                    "longest_hold_ns", 79_000_000L, "blamed_ns", 79_000_000L, "waits", 1L,
                    "range_bytes", 1_073_741_824L, "piece_bytes", 67_108_864L,
                    "piece_longest_hold_ns", 4_937_500L, "piece_saved_ns", 74_062_500L,
                    "write_part_ns", 1_000_000L), f.figures());
            assertSays(f, "munmap (unmapper 701) held mmap_lock for up to 79.00 ms (1 holds, "
                            + "1 GiB each): other threads waited 79.00 ms behind it (1 waits)",
                    List.of("1 holds by unmapper 701, the longest 79.00 ms, 79.00 ms in all",
                            "1 waits of other threads blamed on them: 79.00 ms"),
                    "In pieces of 64 MiB the longest hold would be about 4.94 ms, and the waits "
                            + "behind these holds 74.06 ms shorter. The kernel holds it for "
                            + "write only 1.00 ms and downgrades to read for the unmap itself "
                            + "(79.00 ms): page faults pass, but mmap, mprotect and munmap of "
                            + "other threads still wait. In two phases (madvise(MADV_DONTNEED) "
                            + "of the range first, which takes only the VMA's lock from Linux "
                            + "6.17, then munmap of the emptied range) about 1.00 ms stays "
                            + "under mmap_lock: 79.00 ms less waiting.");
        }
    }

    /*
     * A populating mmap, preempted: populater 1201 (cpu 0) maps 256 MiB (0x10000000) with
     * MAP_POPULATE (flags 0x8022) from 80: do_mmap holds mmap_lock (mm 0xffff888100110000)
     * for write 90..95, then the populate holds it for read 100..40100 (40 ms); hog 1204
     * preempts it 10000..20000. mprotector 1202 (cpu 1, mprotect from 5000) queues for write
     * at 5010 and sleeps; the release wakes it (40105), it runs at 40120, holds 40130..40140.
     */
    private static final String POPULATE = """
            populater 1201 [000] 1200.000080: syscalls:sys_enter_mmap: addr: 0x00000000, \
            len: 0x10000000, prot: 0x00000003, flags: 0x00008022, fd: 0xffffffff, \
            off: 0x00000000
            populater 1201 [000] 1200.000085: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100110000 memcg_id=1 write=true
            populater 1201 [000] 1200.000090: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100110000 memcg_id=1 write=true success=true
            populater 1201 [000] 1200.000095: mmap_lock:mmap_lock_released: \
            mm=0xffff888100110000 memcg_id=1 write=true
            populater 1201 [000] 1200.000098: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100110000 memcg_id=1 write=false
            populater 1201 [000] 1200.000100: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100110000 memcg_id=1 write=false success=true
            mprotector 1202 [001] 1200.005000: syscalls:sys_enter_mprotect: \
            start: 0x7f8000000000, len: 0x00001000, prot: 0x00000001
            mprotector 1202 [001] 1200.005005: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff888100110000 memcg_id=1 write=true
            mprotector 1202 [001] 1200.005010: lock:contention_begin: 0xffff8881001100b8 \
            (flags=WRITE)
            mprotector 1202 [001] 1200.005020: sched:sched_switch: prev_comm=mprotector \
            prev_pid=1202 prev_prio=120 prev_state=D ==> next_comm=swapper/1 next_pid=0 \
            next_prio=120
            populater 1201 [000] 1200.010000: sched:sched_switch: prev_comm=populater \
            prev_pid=1201 prev_prio=120 prev_state=R+ ==> next_comm=hog next_pid=1204 \
            next_prio=120
            hog 1204 [000] 1200.020000: sched:sched_switch: prev_comm=hog prev_pid=1204 \
            prev_prio=120 prev_state=R ==> next_comm=populater next_pid=1201 next_prio=120
            populater 1201 [000] 1200.040100: mmap_lock:mmap_lock_released: \
            mm=0xffff888100110000 memcg_id=1 write=false
            populater 1201 [000] 1200.040105: sched:sched_waking: comm=mprotector pid=1202 \
            prio=120 target_cpu=001
            populater 1201 [000] 1200.040110: syscalls:sys_exit_mmap: 0x7f8000000000
            swapper 0 [001] 1200.040120: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=mprotector next_pid=1202 next_prio=120
            mprotector 1202 [001] 1200.040130: lock:contention_end: 0xffff8881001100b8 (ret=0)
            mprotector 1202 [001] 1200.040130: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff888100110000 memcg_id=1 write=true success=true
            mprotector 1202 [001] 1200.040140: mmap_lock:mmap_lock_released: \
            mm=0xffff888100110000 memcg_id=1 write=true
            mprotector 1202 [001] 1200.040150: syscalls:sys_exit_mprotect: 0x0
            """;

    /*
     * One group, populater's MAP_POPULATE mmap: 2 holds (write 5 us, read 40 ms), 256 MiB
     * each. On CPU during the read hold: 100..10000 + 20000..40100 = 30 ms, 3/4 of it.
     * Blamed on it: mprotector's wait while populater held, 5010..40100 = 35090 (running,
     * preempted and running again; the 30 after are mprotector's own wakeup); the write hold
     * has none. Pieces: 256 MiB x 10 ms / 30 ms = 89.5 MB fits, highest power of two 64 MiB,
     * so 64 MiB pieces (256 MiB > 64 MiB: by size). Each piece of the read hold runs
     * 30 ms x 64 / 256 = 7.5 ms (the write hold's, 5 us x 1/4: less); the preemption does not
     * shrink. The wait behind it: (35090 - 7500) x 3/4 = 20692.5 saved.
     */
    @Test
    void populatingMmapInPiecesSavesOnlyTheOnCpuShareOfTheWaitBeyondOnePiece()
            throws Exception {
        try (Ingested db = ingest("populate", POPULATE)) {
            Finding f = only(db, "long-hold");
            assertEquals(20_692_500L, f.savedNs());
            assertEquals(Map.of("holder_tid", 1201L, "holds", 2L,
                    "longest_hold_ns", 40_000_000L, "blamed_ns", 35_090_000L, "waits", 1L,
                    "range_bytes", 268_435_456L, "piece_bytes", 67_108_864L,
                    "piece_longest_hold_ns", 7_500_000L, "piece_saved_ns", 20_692_500L),
                    f.figures());
            // 40.005 ms in all: the write hold's 5 us and the read hold's 40 ms
            assertSays(f, "mmap(MAP_POPULATE) (populater 1201) held mmap_lock for up to 40.00 ms"
                            + " (2 holds, 256 MiB each): other threads waited 35.09 ms behind it"
                            + " (1 waits)",
                    List.of("2 holds by populater 1201, the longest 40.00 ms, 40.01 ms in all",
                            "1 waits of other threads blamed on them: 35.09 ms"),
                    "In pieces of 64 MiB the longest hold would be about 7.50 ms, and the waits "
                            + "behind these holds 20.69 ms shorter.");
        }
    }

    // ---------------------------------------------------------------------------------------
    // 8. The lruvec spinlock: faults adding pages to the LRU, an madvise freeing them.
    // ---------------------------------------------------------------------------------------

    private static final long T8 = 800_000_000_000L;

    private static final String LRU_ADD_STACK = """
            \tffffffff8226e8be __pv_queued_spin_lock_slowpath+0x10e ([kernel.kallsyms])
            \tffffffff8226db4d _raw_spin_lock_irqsave+0x4d ([kernel.kallsyms])
            \tffffffff816aab7f folio_lruvec_lock_irqsave+0x5f ([kernel.kallsyms])
            \tffffffff815b7b28 folio_batch_move_lru+0x88 ([kernel.kallsyms])
            \tffffffff815b7c53 __folio_batch_add_and_move+0x63 ([kernel.kallsyms])
            \tffffffff81602493 do_anonymous_page+0x4b3 ([kernel.kallsyms])
            \tffffffff816049a4 __handle_mm_fault+0xa64 ([kernel.kallsyms])
            \tffffffff81604fa0 handle_mm_fault+0xd0 ([kernel.kallsyms])
            \tffffffff8225f846 exc_page_fault+0x176 ([kernel.kallsyms])
            \tffffffff81000c82 asm_exc_page_fault+0x22 ([kernel.kallsyms])

            """;

    private static final String PAGE_FREE_STACK = """
            \tffffffff8226e8be __pv_queued_spin_lock_slowpath+0x10e ([kernel.kallsyms])
            \tffffffff8226db4d _raw_spin_lock_irqsave+0x4d ([kernel.kallsyms])
            \tffffffff816aab7f folio_lruvec_lock_irqsave+0x5f ([kernel.kallsyms])
            \tffffffff815b7738 __page_cache_release.part.0+0x58 ([kernel.kallsyms])
            \tffffffff815b7a86 folios_put_refs+0x1c6 ([kernel.kallsyms])
            \tffffffff816584c4 free_pages_and_swap_cache+0x154 ([kernel.kallsyms])
            \tffffffff8160d0ce tlb_finish_mmu+0x7e ([kernel.kallsyms])
            \tffffffff81655d67 do_madvise+0x137 ([kernel.kallsyms])
            \tffffffff81655df7 __x64_sys_madvise+0x27 ([kernel.kallsyms])

            """;

    /*
     * One lruvec lock (0xffff888117dc2498). fault-a 801 (cpu 0) and fault-b 802 (cpu 1) spin
     * for it from 1000 and 1010 to put faulted pages on the LRU (folio_batch_move_lru);
     * madv 803 (cpu 2) spins from 1020 to free pages after MADV_DONTNEED (folios_put_refs).
     * They get it at 1040, 1100 and 1250.
     */
    private static final String LRUVEC = """
            fault-a 801 [000] 800.001000: lock:contention_begin: 0xffff888117dc2498 \
            (flags=SPIN)
            """ + LRU_ADD_STACK + """
            fault-b 802 [001] 800.001010: lock:contention_begin: 0xffff888117dc2498 \
            (flags=SPIN)
            """ + LRU_ADD_STACK + """
            madv 803 [002] 800.001020: lock:contention_begin: 0xffff888117dc2498 (flags=SPIN)
            """ + PAGE_FREE_STACK + """
            fault-a 801 [000] 800.001040: lock:contention_end: 0xffff888117dc2498 (ret=0)
            fault-b 802 [001] 800.001100: lock:contention_end: 0xffff888117dc2498 (ret=0)
            madv 803 [002] 800.001250: lock:contention_end: 0xffff888117dc2498 (ret=0)
            """;

    /*
     * The lock is named 'lruvec lock' from its caller folio_lruvec_lock_irqsave. Waits: 40,
     * 90, 230: 3 waits, 360, the longest 230. Why each waiter needed it, from the frames above
     * folio_lruvec_lock_irqsave: the faults' folio_batch_move_lru (LRU, priority 2, beating
     * the page fault frames at 7): 40 + 90 = 130; madv's folios_put_refs (page freeing, 2,
     * beating unmap at 3 and madvise at 6): 230. The spinning that goes without the
     * contention, an upper bound: all of it, 360.
     */
    @Test
    void lruvecLockSpinningIsAllSavedAndSplitBetweenLruAddsAndPageFreeing() throws Exception {
        try (Ingested db = ingest("lruvec", LRUVEC)) {
            assertEquals(List.of(row("lruvec lock", "caller folio_lruvec_lock_irqsave", 3L,
                    360_000L)), rows(db, "SELECT name, name_source, waits, wait_ns FROM locks"));
            Finding f = only(db, "spinlock");
            assertEquals(360_000L, f.savedNs());
            assertEquals("lruvec lock", f.lock());
            assertEquals(Map.of("waits", 3L, "wait_ns", 360_000L, "max_wait_ns", 230_000L,
                    "wait_ns.LRU", 130_000L, "wait_ns.page freeing", 230_000L), f.figures());
            // page freeing 230 of 360 = 64%, LRU 130 of 360 = 36%; each stack from the lock's
            // function, five frames towards the root
            assertSays(f, "lruvec lock contention: 3 waits, 360.00 us (longest 230.00 us), while"
                            + " the waiters were in page freeing 64%, LRU 36%",
                    List.of("3 waits on the lruvec lock, 360.00 us in all, the longest 230.00 us",
                            "waiters in page freeing: 230.00 us",
                            "waiters in LRU: 130.00 us",
                            "top stack (230.00 us): folio_lruvec_lock_irqsave <- "
                                    + "__page_cache_release.part.0 <- folios_put_refs <- "
                                    + "free_pages_and_swap_cache <- tlb_finish_mmu",
                            "top stack (130.00 us): folio_lruvec_lock_irqsave <- "
                                    + "folio_batch_move_lru <- __folio_batch_add_and_move <- "
                                    + "do_anonymous_page <- __handle_mm_fault"),
                    "Without the contention 360.00 us of spinning goes away (an upper bound: "
                            + "the lock is still taken).");
        }
    }

    /*
     * The lruvec lock as bpftrace's map of kernel stacks (values taken as ns): five stacks,
     * one of a lock nothing names (tmigr_handle_remote's: left out). The lruvec stacks: 300
     * and 100 us freeing pages (folios_put_refs above the lock's function), 50 us adding to
     * the LRU (folio_batch_move_lru), 20 us in a function no cause knows. 4 stacks, 470 us, the
     * longest 300; page freeing 400 of 470 = 85%, LRU 50 = 11%, unknown 20 = 4%. The three
     * largest stacks are shown, from the lock's function, five frames at most.
     */
    @Test
    void bpftraceStacksOfTheLruvecLockAreSplitByCauseAndTheUnnamedLockIsLeftOut()
            throws Exception {
        String text = """
                Attaching 3 probes...
                @by_stack[
                    __pv_queued_spin_lock_slowpath+347
                    _raw_spin_lock_irqsave+77
                    folio_lruvec_lock_irqsave+95
                    __page_cache_release.part.0+88
                    folios_put_refs+454
                    free_pages_and_swap_cache+373
                    tlb_finish_mmu+126
                ]: 300000
                @by_stack[
                    __pv_queued_spin_lock_slowpath+347
                    _raw_spin_lock_irqsave+77
                    tmigr_handle_remote+172
                    handle_softirqs+205
                ]: 999000
                @by_stack[
                    __pv_queued_spin_lock_slowpath+347
                    _raw_spin_lock_irqsave+77
                    folio_lruvec_lock_irqsave+95
                    folio_batch_move_lru+136
                    __folio_batch_add_and_move+99
                    do_anonymous_page+1203
                    __handle_mm_fault+2660
                ]: 50000
                @by_stack[
                    __pv_queued_spin_lock_slowpath+347
                    _raw_spin_lock_irqsave+77
                    folio_lruvec_lock_irqsave+95
                    __page_cache_release.part.0+88
                    folios_put_refs+454
                    release_pages+20
                ]: 100000
                @by_stack[
                    __pv_queued_spin_lock_slowpath+347
                    _raw_spin_lock_irqsave+77
                    folio_lruvec_lock_irqsave+95
                    mystery_function+12
                ]: 20000
                """;
        try (Ingested db = ingest("lruvec-bpftrace", text)) {
            Finding f = only(db, "spinlock");
            assertEquals(470_000L, f.savedNs());
            assertEquals("lruvec lock", f.lock());
            assertEquals(Map.of("stacks", 4L, "wait_ns", 470_000L, "max_wait_ns", 300_000L,
                    "wait_ns.page freeing", 400_000L, "wait_ns.LRU", 50_000L,
                    "wait_ns.unknown", 20_000L), f.figures());
            assertSays(f, "lruvec lock contention: 4 stacks of @by_stack waits, 470.00 us "
                            + "(longest 300.00 us), while the waiters were in page freeing 85%, "
                            + "LRU 11%, unknown 4%",
                    List.of("bpftrace map @by_stack: 4 kernel stacks waiting for the lruvec lock,"
                                    + " values summing to 470.00 us (taken as ns)",
                            "waiters in page freeing: 400.00 us",
                            "waiters in LRU: 50.00 us",
                            "waiters in unknown: 20.00 us",
                            "top stack (300.00 us): folio_lruvec_lock_irqsave <- "
                                    + "__page_cache_release.part.0 <- folios_put_refs <- "
                                    + "free_pages_and_swap_cache <- tlb_finish_mmu",
                            "top stack (100.00 us): folio_lruvec_lock_irqsave <- "
                                    + "__page_cache_release.part.0 <- folios_put_refs <- "
                                    + "release_pages",
                            "top stack (50.00 us): folio_lruvec_lock_irqsave <- "
                                    + "folio_batch_move_lru <- __folio_batch_add_and_move <- "
                                    + "do_anonymous_page <- __handle_mm_fault"),
                    "Without the contention 470.00 us of spinning goes away (an upper bound: "
                            + "the lock is still taken).");
        }
    }

    // ---------------------------------------------------------------------------------------
    // 9. vmalloc: spinlock waits just before vmap area allocations.
    // ---------------------------------------------------------------------------------------

    /*
     * Without stacks. vm-a 901 (cpu 0) spins on a lock 1000..1030 and allocates a vmap area
     * at 1040; vm-b 902 (cpu 1) spins on it 1010..1070 and allocates at 1080. vm-a spins
     * again 2000..2020, then frees a vmap area (2030) and allocates at 3000 with no wait just
     * before (its mutex-free fast path). kworker 903 (cpu 1) purges the lazily freed areas at
     * 3100.
     */
    private static final String VMALLOC = """
            vm-a 901 [000] 900.001000: lock:contention_begin: 0xffff88810a0f0000 (flags=SPIN)
            vm-b 902 [001] 900.001010: lock:contention_begin: 0xffff88810a0f0000 (flags=SPIN)
            vm-a 901 [000] 900.001030: lock:contention_end: 0xffff88810a0f0000 (ret=0)
            vm-a 901 [000] 900.001040: vmalloc:alloc_vmap_area: va_start: \
            18446683600631627776 size=20480 align=16384 vstart=0xffffc90000000000 \
            vend=0xffffe8ffffffffff failed=0
            vm-b 902 [001] 900.001070: lock:contention_end: 0xffff88810a0f0000 (ret=0)
            vm-b 902 [001] 900.001080: vmalloc:alloc_vmap_area: va_start: \
            18446683600631660544 size=20480 align=16384 vstart=0xffffc90000000000 \
            vend=0xffffe8ffffffffff failed=0
            vm-a 901 [000] 900.002000: lock:contention_begin: 0xffff88810a0f0000 (flags=SPIN)
            vm-a 901 [000] 900.002020: lock:contention_end: 0xffff88810a0f0000 (ret=0)
            vm-a 901 [000] 900.002030: vmalloc:free_vmap_area_noflush: \
            va_start=0xffffc90000000000 nr_lazy=5 nr_lazy_max=16384
            vm-a 901 [000] 900.003000: vmalloc:alloc_vmap_area: va_start: \
            18446683600631693312 size=20480 align=16384 vstart=0xffffc90000000000 \
            vend=0xffffe8ffffffffff failed=0
            kworker/1:1 903 [001] 900.003100: vmalloc:purge_vmap_area_lazy: \
            start=0xffffc90000000000 end=0xffffc90000010000 num_purged=1
            """;

    /*
     * 3 allocations, 1 free, 1 purge. The spinlock waits whose thread's next event is an
     * alloc_vmap_area: vm-a 1000..1030 (30; next 1040) and vm-b 1010..1070 (60; next 1080);
     * vm-a's 2000..2020 is followed by a free, not an allocation: not counted. 2 waits, 90,
     * the prediction's saving.
     */
    @Test
    void vmallocCountsOnlyTheSpinningThatEndedJustBeforeAnAllocation() throws Exception {
        try (Ingested db = ingest("vmalloc", VMALLOC)) {
            Finding f = only(db, "vmalloc");
            assertEquals(90_000L, f.savedNs());
            assertEquals("vmap area lock", f.lock());
            assertEquals(Map.of("allocations", 3L, "frees", 1L, "purges", 1L, "waits", 2L,
                    "wait_ns", 90_000L), f.figures());
            // 90 us over 3 allocations: 30 us each; waits before 2 of 3 allocations: 67%
            assertSays(f, "vmap area locks: 3 vmap area allocations, 1 frees, 1 lazy purges; 2 "
                            + "spinlock waits just before an allocation, 90.00 us in all (30.00 us"
                            + " per allocation)",
                    List.of("3 vmap area allocations, 2 spinlock waits ending just before one: "
                            + "90.00 us, at most 60.00 us"),
                    "Per-CPU vmap caches would remove at most 90.00 us of waiting here: the vmap"
                            + " area locks were contended before 67% of the allocations, the "
                            + "longest wait 60.00 us.");
        }
    }

    // ---------------------------------------------------------------------------------------
    // 10. The kernel zeroing pages inside an mmap_lock hold.
    // ---------------------------------------------------------------------------------------

    private static final String ZEROING_STACK = """
            \tffffffff82255667 clear_page_erms+0x7 ([kernel.kallsyms])
            \tffffffff81637628 get_page_from_freelist+0x1668 ([kernel.kallsyms])
            \tffffffff81638dc3 __alloc_frozen_pages_noprof+0x173 ([kernel.kallsyms])
            \tffffffff816732b6 alloc_pages_mpol+0x86 ([kernel.kallsyms])
            \tffffffff816027ef do_anonymous_page+0x80f ([kernel.kallsyms])
            \tffffffff816049a4 __handle_mm_fault+0xa64 ([kernel.kallsyms])
            \tffffffff81604fa0 handle_mm_fault+0xd0 ([kernel.kallsyms])
            \tffffffff815f1a20 __get_user_pages+0x1f0 ([kernel.kallsyms])
            \tffffffff815f2b30 populate_vma_page_range+0x8c ([kernel.kallsyms])
            \tffffffff815f2c40 faultin_page_range+0x90 ([kernel.kallsyms])
            \tffffffff81655a10 madvise_populate+0x70 ([kernel.kallsyms])
            \tffffffff81655d67 do_madvise+0x137 ([kernel.kallsyms])
            \tffffffff81655df7 __x64_sys_madvise+0x27 ([kernel.kallsyms])

            """;

    /*
     * toucher 1001 (cpu 0) populates 8 MiB with madvise(MADV_POPULATE_WRITE = 0x17) from 80,
     * holding mmap_lock (mm 0xffff8881000e0000) for read 100..10100 (10 ms, on CPU). cpu-clock
     * samples every ms (period 1,000,000 ns): toucher's at 1100, 3100, 5100 and 7100 in
     * clear_page_erms under the populate, at 9100 in __get_user_pages (populate, not
     * zeroing); other 1003 (cpu 2) in user space at 5000. mprotector 1002 (cpu 1, mprotect
     * from 2000) queues for write at 2100 and sleeps; the release wakes it (10105); it runs at
     * 10120 and holds 10130..10140.
     */
    private static final String ZEROING = """
            toucher 1001 [000] 1000.000080: syscalls:sys_enter_madvise: \
            start: 0x7f8000000000, len_in: 0x00800000, behavior: 0x00000017
            toucher 1001 [000] 1000.000090: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000e0000 memcg_id=1 write=false
            toucher 1001 [000] 1000.000100: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000e0000 memcg_id=1 write=false success=true
            toucher 1001 [000] 1000.001100:    1000000 cpu-clock:ppp:
            """ + ZEROING_STACK + """
            mprotector 1002 [001] 1000.002000: syscalls:sys_enter_mprotect: \
            start: 0x7f8000000000, len: 0x00001000, prot: 0x00000001
            mprotector 1002 [001] 1000.002090: mmap_lock:mmap_lock_start_locking: \
            mm=0xffff8881000e0000 memcg_id=1 write=true
            mprotector 1002 [001] 1000.002100: lock:contention_begin: 0xffff8881000e00b8 \
            (flags=WRITE)
            mprotector 1002 [001] 1000.002110: sched:sched_switch: prev_comm=mprotector \
            prev_pid=1002 prev_prio=120 prev_state=D ==> next_comm=swapper/1 next_pid=0 \
            next_prio=120
            toucher 1001 [000] 1000.003100:    1000000 cpu-clock:ppp:
            """ + ZEROING_STACK + """
            other 1003 [002] 1000.005000:    1000000 cpu-clock:ppp:
            \t    55d0c0de1234 main+0x14 (/tmp/wl/wl)

            toucher 1001 [000] 1000.005100:    1000000 cpu-clock:ppp:
            """ + ZEROING_STACK + """
            toucher 1001 [000] 1000.007100:    1000000 cpu-clock:ppp:
            """ + ZEROING_STACK + """
            toucher 1001 [000] 1000.009100:    1000000 cpu-clock:ppp:
            \tffffffff815f1a20 __get_user_pages+0x1f0 ([kernel.kallsyms])
            \tffffffff815f2b30 populate_vma_page_range+0x8c ([kernel.kallsyms])
            \tffffffff815f2c40 faultin_page_range+0x90 ([kernel.kallsyms])
            \tffffffff81655a10 madvise_populate+0x70 ([kernel.kallsyms])
            \tffffffff81655d67 do_madvise+0x137 ([kernel.kallsyms])
            \tffffffff81655df7 __x64_sys_madvise+0x27 ([kernel.kallsyms])

            toucher 1001 [000] 1000.010100: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000e0000 memcg_id=1 write=false
            toucher 1001 [000] 1000.010105: sched:sched_waking: comm=mprotector pid=1002 \
            prio=120 target_cpu=001
            toucher 1001 [000] 1000.010110: syscalls:sys_exit_madvise: 0x0
            swapper 0 [001] 1000.010120: sched:sched_switch: prev_comm=swapper/1 prev_pid=0 \
            prev_prio=120 prev_state=R ==> next_comm=mprotector next_pid=1002 next_prio=120
            mprotector 1002 [001] 1000.010130: lock:contention_end: 0xffff8881000e00b8 (ret=0)
            mprotector 1002 [001] 1000.010130: mmap_lock:mmap_lock_acquire_returned: \
            mm=0xffff8881000e0000 memcg_id=1 write=true success=true
            mprotector 1002 [001] 1000.010140: mmap_lock:mmap_lock_released: \
            mm=0xffff8881000e0000 memcg_id=1 write=true
            mprotector 1002 [001] 1000.010150: syscalls:sys_exit_mprotect: 0x0
            """;

    /*
     * Samples: 6 with stacks, 4 of them zeroing (clear_page_erms, priority 1): 4 ms of CPU
     * (>= 1 ms: a finding). The hold 100..10100 (10 ms) has 5 of toucher's samples, 4
     * zeroing and 1 populate: 10 ms x 4/5 = 8 ms of it zeroing. Blamed on the hold:
     * mprotector's wait while toucher held, 2100..10100 = 8000 (then its own wakeup); in
     * proportion to the zeroing's share of the hold, 8000 x 8 / 10 = 6400: the waiting that
     * reuse instead of fresh pages removes, the saving.
     */
    @Test
    void zeroingFourFifthsOfAPopulateHoldIsFourFifthsOfTheWaitingBehindIt() throws Exception {
        try (Ingested db = ingest("zeroing", ZEROING)) {
            assertEquals(List.of(row(1L, 1002, 2_100_000L, 10_130_000L, 8_030_000L)),
                    rows(db, "SELECT wait_id, tid, begin_ts - 1000000000000, "
                            + "end_ts - 1000000000000, duration_ns FROM waits"));
            Finding f = only(db, "zeroing");
            assertEquals(6_400_000L, f.savedNs());
            assertEquals(null, f.lock());
            assertEquals(Map.of("zeroing_samples", 4L, "samples", 6L,
                    "zeroing_period", 4_000_000L, "zeroing_in_holds_ns", 8_000_000L,
                    "blamed_ns", 6_400_000L), f.figures());
            // 4 of 6 samples: 66.7%; 4 samples of 1 ms: 4 ms of CPU
            assertSays(f, "the kernel zeroed pages for 4.00 ms of CPU (66.7% of the samples), "
                            + "8.00 ms of it inside lock holds",
                    List.of("4 of 6 on-CPU samples zeroing pages (period 4.00 ms)",
                            "zeroing inside lock holds: 8.00 ms; waiting behind it: 6.40 ms"),
                    "Memory reused instead of freshly mapped is not zeroed again: up to 4.00 ms "
                            + "of CPU, and the 6.40 ms of waiting behind zeroing under a lock, "
                            + "go away.");
        }
    }

    // ---------------------------------------------------------------------------------------
    // 11. Page-table locks: threads of one process faulting pages of the same 2 MiB regions.
    // ---------------------------------------------------------------------------------------

    private static final String PTL_STACK = """
            \tffffffff8226e8be __pv_queued_spin_lock_slowpath+0x10e ([kernel.kallsyms])
            \tffffffff8226d9a9 _raw_spin_lock+0x29 ([kernel.kallsyms])
            \tffffffff815fb2ea __pte_offset_map_lock+0x9a ([kernel.kallsyms])
            \tffffffff81601fd5 do_anonymous_page+0x1f5 ([kernel.kallsyms])
            \tffffffff816049a4 __handle_mm_fault+0xa64 ([kernel.kallsyms])
            \tffffffff81604fa0 handle_mm_fault+0xd0 ([kernel.kallsyms])
            \tffffffff8225f846 exc_page_fault+0x176 ([kernel.kallsyms])
            \tffffffff81000c82 asm_exc_page_fault+0x22 ([kernel.kallsyms])

            """;

    /*
     * Process java 1100, threads 1101..1103 (perf's pid/tid), faulting anonymous pages. Two
     * page tables: A (split lock 0xffff888120001000) and B (0xffff888120002000).
     * 1101 spins on A 1000..1600, 1102 on A 1010..1900, 1103 on B 1020..1300; later 1101 on
     * B 2000..2150 and 1103 on A 3000..3400.
     */
    private static final String PAGE_TABLES = """
            java 1100/1101 [000] 1100.001000: lock:contention_begin: 0xffff888120001000 \
            (flags=SPIN)
            """ + PTL_STACK + """
            java 1100/1102 [001] 1100.001010: lock:contention_begin: 0xffff888120001000 \
            (flags=SPIN)
            """ + PTL_STACK + """
            java 1100/1103 [002] 1100.001020: lock:contention_begin: 0xffff888120002000 \
            (flags=SPIN)
            """ + PTL_STACK + """
            java 1100/1103 [002] 1100.001300: lock:contention_end: 0xffff888120002000 (ret=0)
            java 1100/1101 [000] 1100.001600: lock:contention_end: 0xffff888120001000 (ret=0)
            java 1100/1102 [001] 1100.001900: lock:contention_end: 0xffff888120001000 (ret=0)
            java 1100/1101 [000] 1100.002000: lock:contention_begin: 0xffff888120002000 \
            (flags=SPIN)
            """ + PTL_STACK + """
            java 1100/1101 [000] 1100.002150: lock:contention_end: 0xffff888120002000 (ret=0)
            java 1100/1103 [002] 1100.003000: lock:contention_begin: 0xffff888120001000 \
            (flags=SPIN)
            """ + PTL_STACK + """
            java 1100/1103 [002] 1100.003400: lock:contention_end: 0xffff888120001000 (ret=0)
            """;

    /*
     * Both locks are named 'page-table lock' from their caller __pte_offset_map_lock. Process
     * 1100: 5 waits, 600 + 890 + 280 + 150 + 400 = 2320 (>= 1 ms: a finding), the longest 890;
     * 2 page tables, 3 threads; A had 3 (1101, 1102, 1103), B 2 (1103, 1101): at most 3 on
     * one. Had each thread faulted only its own 2 MiB ranges, none would spin: 2320 saved.
     */
    @Test
    void threeThreadsOfOneProcessOnTwoPageTablesSpinTwoPointThreeMilliseconds()
            throws Exception {
        try (Ingested db = ingest("page-tables", PAGE_TABLES)) {
            Finding f = only(db, "page-table-lock");
            assertEquals(2_320_000L, f.savedNs());
            assertEquals("page-table lock", f.lock());
            assertEquals(Map.of("waits", 5L, "wait_ns", 2_320_000L, "max_wait_ns", 890_000L,
                    "page_tables", 2L, "threads", 3L, "most_threads_per_page_table", 3L),
                    f.figures());
            // 2 page tables of 2 MiB each: 4 MiB of address space
            assertSays(f, "page-table lock contention in pid 1100: 5 waits, 2.32 ms (longest "
                            + "890.00 us), 3 threads faulting pages of the same 2 MiB regions",
                    List.of("5 waits on the locks of 2 page tables (4 MiB of address space), "
                                    + "2.32 ms in all, the longest 890.00 us",
                            "3 threads waited; up to 3 threads waited on one page table, that is,"
                                    + " faulted pages of one 2 MiB region at once"),
                    "Had each thread faulted only its own 2 MiB-aligned ranges, no two would "
                            + "share a page table and 2.32 ms of spinning would go away (an upper"
                            + " bound: each fault still takes its lock).");
        }
    }

    // ---------------------------------------------------------------------------------------

    private static final String FUTEX_STACK = """
            \tffffffff8226e8be __pv_queued_spin_lock_slowpath+0x10e ([kernel.kallsyms])
            \tffffffff8226d9a9 _raw_spin_lock+0x29 ([kernel.kallsyms])
            \tffffffff8144f1b3 futex_wait_setup+0x73 ([kernel.kallsyms])
            \tffffffff8144f26a __futex_wait+0x8a ([kernel.kallsyms])
            \tffffffff8144f38a futex_wait+0x9a ([kernel.kallsyms])

            """;

    private static final String UNNAMED_STACK = """
            \tffffffff8226e8be __pv_queued_spin_lock_slowpath+0x10e ([kernel.kallsyms])
            \tffffffff8226d9a9 _raw_spin_lock+0x29 ([kernel.kallsyms])
            \tffffffff81aa0010 some_driver_poll+0x10 ([kernel.kallsyms])

            """;

    /*
     * Threads 1201 and 1202 of bench 1200 spin on one futex hash bucket (named from
     * futex_wait_setup): 1201 1000..1400, 1202 1010..1310, 1201 2000..2300: 3 waits, 400 + 300
     * + 300 = 1000 us; and 1202 once on a lock nothing names, 3000..3050: 50 us. All the
     * waiting: 1050. The bucket: 952 per mille (>= 100 per mille, >= 100 us): a finding with
     * the waiting as its upper bound, 1 ms, and the class's advice; the unnamed lock: 50 us,
     * 47 per mille, below both thresholds: none. No model speaks about either lock.
     */
    private static final String FUTEX = """
            bench 1200/1201 [000] 1200.001000: lock:contention_begin: 0xffff888102a00040 \
            (flags=SPIN)
            """ + FUTEX_STACK + """
            bench 1200/1202 [001] 1200.001010: lock:contention_begin: 0xffff888102a00040 \
            (flags=SPIN)
            """ + FUTEX_STACK + """
            bench 1200/1202 [001] 1200.001310: lock:contention_end: 0xffff888102a00040 (ret=0)
            bench 1200/1201 [000] 1200.001400: lock:contention_end: 0xffff888102a00040 (ret=0)
            bench 1200/1201 [000] 1200.002000: lock:contention_begin: 0xffff888102a00040 \
            (flags=SPIN)
            """ + FUTEX_STACK + """
            bench 1200/1201 [000] 1200.002300: lock:contention_end: 0xffff888102a00040 (ret=0)
            bench 1200/1202 [001] 1200.003000: lock:contention_begin: 0xffff888102b00080 \
            (flags=SPIN)
            """ + UNNAMED_STACK + """
            bench 1200/1202 [001] 1200.003050: lock:contention_end: 0xffff888102b00080 (ret=0)
            """;

    @Test
    void aLockClassWithNoModelAndMostOfTheWaitingIsAFindingWithItsClasssAdvice()
            throws Exception {
        try (Ingested db = ingest("futex", FUTEX)) {
            List<Finding> all = Findings.of(db.connection(), 1);
            assertEquals(1, all.size(), all.toString());
            Finding f = all.get(0);
            assertEquals("lock-class", f.scenario());
            assertEquals("futex hash bucket", f.lock());
            assertEquals(1_000_000L, f.savedNs());
            // who held the bucket is the spinlock model's inference (no release events):
            // not part of this answer
            Map<String, Long> figures = new TreeMap<>(f.figures());
            figures.remove("known_holder_ns");
            assertEquals(Map.of("waits", 3L, "wait_ns", 1_000_000L, "max_wait_ns", 400_000L,
                    "threads", 2L, "share_per_mille", 952L, "saved_ns", 1_000_000L), figures);
            assertTrue(f.evidence().contains("they waited in futex_wait_setup < __futex_wait "
                    + "1.00 ms"), f.evidence().toString());
            assertTrue(f.recommendations().get(0).startsWith("Fewer threads waiting on one "
                    + "futex"), f.recommendations().toString());
            assertTrue(f.notes().get(0).startsWith("The futex hash bucket protects "),
                    f.notes().toString());
        }
    }

    private static final String WAKEUP_STACK = """
            \tffffffff8226e8be __pv_queued_spin_lock_slowpath+0x10e ([kernel.kallsyms])
            \tffffffff8226d9a9 _raw_spin_lock+0x29 ([kernel.kallsyms])
            \tffffffff811a0200 try_to_wake_up+0x200 ([kernel.kallsyms])
            \tffffffff811a1050 wake_up_q+0x50 ([kernel.kallsyms])
            \tffffffff8144f150 futex_wake+0x150 ([kernel.kallsyms])

            """;

    /*
     * Producers 1301 and 1302 of app 1300 wake consumers, each wakeup taking the consumer's
     * CPU's rq lock (named from try_to_wake_up after _raw_spin_lock): 1301 5000..5300, 1302
     * 5010..5210, 1301 6000..6100: 300 + 200 + 100 = 600 us, all the waiting (1000 per mille).
     * lock-classes.tsv: batching the hand-over (wakeup_batch = 4 in what-if.tsv) wakes 4 times
     * less often; with as much waiting a wakeup, 600 - 600 / 4 = 450 us go away.
     */
    private static final String WAKEUPS = """
            app 1300/1301 [000] 1300.005000: lock:contention_begin: 0xffff88817bc2e840 \
            (flags=SPIN)
            """ + WAKEUP_STACK + """
            app 1300/1302 [001] 1300.005010: lock:contention_begin: 0xffff88817bc2e840 \
            (flags=SPIN)
            """ + WAKEUP_STACK + """
            app 1300/1302 [001] 1300.005210: lock:contention_end: 0xffff88817bc2e840 (ret=0)
            app 1300/1301 [000] 1300.005300: lock:contention_end: 0xffff88817bc2e840 (ret=0)
            app 1300/1301 [000] 1300.006000: lock:contention_begin: 0xffff88817bc2e840 \
            (flags=SPIN)
            """ + WAKEUP_STACK + """
            app 1300/1301 [000] 1300.006100: lock:contention_end: 0xffff88817bc2e840 (ret=0)
            """;

    @Test
    void batchingWakeupsFourToOneSavesThreeQuartersOfTheRqLockWaiting() throws Exception {
        try (Ingested db = ingest("wakeups", WAKEUPS)) {
            Finding f = only(db, "lock-class");
            assertEquals("rq lock", f.lock());
            assertEquals(600_000L, f.figures().get("wait_ns"));
            assertEquals(450_000L, f.savedNs());
            assertEquals(450_000L, f.figures().get("saved_ns"));
            assertTrue(f.evidence().contains("they waited in try_to_wake_up < wake_up_q "
                    + "600.00 us"), f.evidence().toString());
            assertTrue(f.prediction().startsWith("Handing work over in batches of 4 (one "
                    + "wakeup per batch instead of per item) wakes threads 4 times less often"),
                    f.prediction());
            assertTrue(f.prediction().contains("450.00 us of the 600.00 us goes away"),
                    f.prediction());
            assertTrue(f.notes().stream().anyMatch(n -> n.startsWith("A proportional model")),
                    f.notes().toString());
        }
    }

    /** The one finding of a scenario (asserted to be one). */
    private static Finding only(Ingested db, String scenario) throws SQLException {
        List<Finding> found = findings(db, scenario);
        assertEquals(1, found.size(), scenario + ": " + found);
        return found.get(0);
    }

    private Ingested ingest(String name, String text) throws IOException {
        return HandTraces.ingest(dir, name, text);
    }
}
