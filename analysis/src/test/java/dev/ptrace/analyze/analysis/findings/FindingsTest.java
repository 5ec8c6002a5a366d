package dev.ptrace.analyze.analysis.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.locks.LockAnalysis;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The findings of the scenario traces (docs/design.md 1-5): what the acceptance names. */
class FindingsTest {
    private static List<Finding> findings(String trace) throws Exception {
        try (Database db = Database.inMemory()) {
            new TraceIngester(db, List.of(LockAnalysis.shipped()))
                    .ingest(TestData.trace(trace).toString(), true);
            return Findings.of(db.connection(), 1);
        }
    }

    @Test
    void fixedThresholdChurnRanksTheThresholdFindingFirstAboveTheChunkSizes() throws Exception {
        List<Finding> all = findings("perf-churn-threshold128k.txt.gz");
        Finding f = all.get(0);
        assertEquals("mmap-threshold", f.scenario());
        long largest = f.figures().get("largest_chunk_bytes");
        assertEquals(1052672, largest, "1 MiB malloc: 1 MiB + header, rounded to pages");
        // the smallest power of two above the largest chunk: 1,052,672 lies between 2^20 and
        // 2^21, so 2^21 = 2,097,152 (docs/findings.md: 2 MiB), and trimming at twice that
        long threshold = f.figures().get("recommended_threshold");
        assertEquals(2_097_152L, threshold);
        assertEquals(4_194_304L, f.figures().get("recommended_trim_threshold"));
        // the calls, counted in the raw text: 1,072 mmap and 1,061 munmap, docs/findings.md's
        // 2,133 mmap/munmap calls
        List<String> raw = TestData.rawLines(TestData.trace("perf-churn-threshold128k.txt.gz"));
        assertEquals(List.of(1072L, 1061L), List.of(
                raw.stream().filter(l -> l.contains(" syscalls:sys_enter_mmap:")).count(),
                raw.stream().filter(l -> l.contains(" syscalls:sys_enter_munmap:")).count()));
        assertEquals(List.of(1072L, 1061L), List.of(f.figures().get("mmap_calls"),
                f.figures().get("munmap_calls")));
        long calls = f.figures().get("mmap_calls") + f.figures().get("munmap_calls");
        assertTrue(f.figures().get("calls_removed") > 0.95 * calls,
                f.figures().get("calls_removed") + " of " + calls);
        assertTrue(f.savedNs() > 100_000_000L, "mmap_lock waiting removed: " + f.savedNs());
        assertTrue(f.recommendations().stream().anyMatch(r -> r.contains(
                "mallopt(M_MMAP_THRESHOLD, " + threshold + ")")), f.recommendations().toString());
        assertTrue(f.recommendations().stream().anyMatch(r -> r.contains(
                "GLIBC_TUNABLES=glibc.malloc.mmap_threshold=" + threshold)));
    }

    @Test
    void dynamicThresholdChurnHasNoThresholdFinding() throws Exception {
        assertTrue(findings("perf-churn-dynamic.txt.gz").stream()
                .noneMatch(f -> f.scenario().equals("mmap-threshold")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"perf-munmap.txt.gz", "ftrace-munmap.txt.gz"})
    void bigUnmapIsALongMunmapHoldWithItsDurationAndSize(String trace) throws Exception {
        Finding f = findings(trace).stream()
                .filter(x -> x.scenario().equals("long-hold") && x.title().startsWith("munmap"))
                .findFirst().orElseThrow();
        assertEquals(1L << 30, f.figures().get("range_bytes"));
        assertTrue(f.figures().get("longest_hold_ns") > 70_000_000L, f.title());
        assertTrue(f.title().contains("1 GiB each") && f.title().contains(" ms "), f.title());
        assertTrue(f.figures().get("write_part_ns") < 100_000L,
                "munmap downgrades to read after a short write part");
    }

    @ParameterizedTest
    @ValueSource(strings = {"perf-inversion.txt.gz", "ftrace-inversion.txt.gz"})
    void convoyIsThePriorityInversionFirst(String trace) throws Exception {
        Finding f = findings(trace).get(0);
        assertEquals("priority-inversion", f.scenario());
        assertEquals("mmap_lock", f.lock());
        assertEquals(139, f.figures().get("root_prio"), "the nice-19 reader");
        assertTrue(f.figures().get("lost_ns") > 1_000_000_000L, f.title());
    }

    @ParameterizedTest
    @ValueSource(strings = {"perf-madvise.txt.gz", "bpftrace-contention.txt.gz"})
    void madviseSpinlockWaitsGoToPageFreeingAndLru(String trace) throws Exception {
        Finding f = findings(trace).stream().filter(x -> x.scenario().equals("spinlock"))
                .findFirst().orElseThrow();
        assertEquals("lruvec lock", f.lock());
        long freeing = f.figures().getOrDefault("wait_ns.page freeing", 0L);
        long lru = f.figures().getOrDefault("wait_ns.LRU", 0L);
        assertTrue(freeing > lru && lru > 0, f.figures().toString());
        assertEquals(f.figures().get("wait_ns"), freeing + lru, "every wait has a path");
    }

    @Test
    void vmallocTraceSaysWhatTheVmapAreaLocksCost() throws Exception {
        Finding f = findings("ftrace-vmalloc.txt.gz").stream()
                .filter(x -> x.scenario().equals("vmalloc")).findFirst().orElseThrow();
        // docs/findings.md: 1,161 allocations, the alloc_vmap_area lines of the raw trace
        long events = TestData.rawLines(TestData.trace("ftrace-vmalloc.txt.gz")).stream()
                .filter(l -> l.contains(" alloc_vmap_area: ")).count();
        assertEquals(1161, events);
        assertEquals(events, f.figures().get("allocations"), "vmalloc:alloc_vmap_area events");
        assertEquals(1037, f.figures().get("frees"));
        assertTrue(f.figures().get("waits") > 0 && f.figures().get("wait_ns") < 1_000_000L,
                f.title());
    }

    @ParameterizedTest
    @ValueSource(strings = {"perf-churn-threshold128k.txt.gz", "perf-inversion.txt.gz",
            "perf-munmap.txt.gz", "perf-madvise.txt.gz"})
    void findingsAreRankedByPredictedSaving(String trace) throws Exception {
        List<Finding> all = findings(trace);
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).savedNs() >= all.get(i).savedNs(), all.toString());
        }
    }

    /*
     * Zeroing samples counted in the raw perf script text, not through the reader: a sample is
     * a cpu-clock line, zeroing when one of its frame lines names a page-clearing function.
     * docs/findings.md: 18 of 773 samples, 3.60 ms at perf's period of 200,040 ns each.
     */
    @Test
    void zeroingFindingCountsTheSamplesInPageClearingFunctions() throws Exception {
        Path trace = TestData.trace("perf-vmalloc-cpu.txt.gz");
        long samples = 0;
        long zeroing = 0;
        boolean inZeroing = false;
        for (String line : TestData.rawLines(trace)) {
            if (line.contains(" cpu-clock:")) {
                samples++;
                inZeroing = false;
            } else if (!inZeroing && CLEARING.matcher(line).find()) {
                inZeroing = true;
                zeroing++;
            }
        }
        assertEquals(List.of(773L, 18L), List.of(samples, zeroing));
        Finding f = findings("perf-vmalloc-cpu.txt.gz").stream()
                .filter(x -> x.scenario().equals("zeroing")).findFirst().orElseThrow();
        assertEquals(List.of(samples, zeroing, zeroing * 200_040), List.of(
                f.figures().get("samples"), f.figures().get("zeroing_samples"),
                f.figures().get("zeroing_period")));
    }

    private static final Pattern CLEARING = Pattern.compile(
            "\\s(clear_page_erms|clear_page_rep|clear_page_orig|folio_zero_user|clear_huge_page)\\+");
}
