package dev.ptrace.analyze.analysis.causes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.read.InputException;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one classifier on real stacks of each format, and its precedence rules. */
class CauseClassifierTest {
    private final CauseClassifier classifier = new CauseClassifier(CauseTaxonomy.shipped());

    @TempDir
    Path dir;

    private static Frame frame(String symbol) {
        return new Frame("0", symbol, 0, "[kernel.kallsyms]");
    }

    /** Causes of every stack the query selects (stack_id, syscall), counted. */
    private Map<String, Integer> causes(Path trace, String sql) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Database db = Database.inMemory()) {
            new TraceIngester(db).ingest(trace.toString(), true);
            try (PreparedStatement ps = db.connection().prepareStatement(sql);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Frame> frames = frames(db, rs.getObject(1));
                    Cause c = classifier.classify(frames, rs.getString(2));
                    counts.merge(c.cause() + " by " + c.evidence() + " " + c.matched(), 1,
                            Integer::sum);
                }
            }
        }
        return counts;
    }

    private static List<Frame> frames(Database db, Object stackId) throws Exception {
        List<Frame> frames = new ArrayList<>();
        if (stackId == null) {
            return frames;
        }
        try (PreparedStatement ps = db.connection().prepareStatement("SELECT ip, symbol, "
                + "symbol_offset, module FROM stack_frames WHERE stack_id = ? ORDER BY depth")) {
            ps.setLong(1, ((Number) stackId).longValue());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    frames.add(new Frame(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getString(4)));
                }
            }
        }
        return frames;
    }

    @Test
    void perfSamplesInClearPageErmsAreZeroingThoughAPageFaultIsBelowThem() throws Exception {
        Map<String, Integer> c = causes(TestData.trace("perf-churn-threshold128k.txt.gz"),
                "SELECT s.stack_id, NULL FROM samples s WHERE EXISTS (SELECT 1 FROM "
                        + "stack_frames f WHERE f.stack_id = s.stack_id AND f.symbol = "
                        + "'clear_page_erms') AND EXISTS (SELECT 1 FROM stack_frames f WHERE "
                        + "f.stack_id = s.stack_id AND f.symbol = 'handle_mm_fault')");
        assertEquals(1, c.size(), c.toString());
        assertTrue(c.containsKey("zeroing by stack clear_page_erms"), c.toString());
    }

    @Test
    void ftraceStackTracesOfLruvecWaitsAreLru() throws Exception {
        Map<String, Integer> c = causes(TestData.trace("ftrace-madvise-stacks.txt.gz"),
                "SELECT c.stack_id, NULL FROM lock_contention c WHERE c.phase = 'begin' AND "
                        + "EXISTS (SELECT 1 FROM stack_frames f WHERE f.stack_id = c.stack_id "
                        + "AND f.symbol = 'folio_lruvec_lock_irqsave')");
        assertEquals(Map.of("LRU by stack folio_lruvec_lock_irqsave", c.values().stream()
                .mapToInt(Integer::intValue).sum()), c);
    }

    @Test
    void bpftraceKstacksOfLruvecWaitsAreLruToo() throws Exception {
        Map<String, Integer> c = causes(TestData.dir().resolve("threetool")
                        .resolve("threetool-madvise.bpftrace.txt.gz"),
                "SELECT c.stack_id, NULL FROM lock_contention c WHERE c.phase = 'begin' AND "
                        + "EXISTS (SELECT 1 FROM stack_frames f WHERE f.stack_id = c.stack_id "
                        + "AND f.symbol = 'folio_lruvec_lock_irqsave')");
        assertEquals(List.of("LRU by stack folio_lruvec_lock_irqsave"),
                List.copyOf(c.keySet()));
    }

    @Test
    void withoutStacksTheSyscallInProgressDecides() throws Exception {
        Map<String, Integer> c = causes(TestData.trace("ftrace-inversion.txt.gz"),
                "SELECT NULL, name FROM syscalls WHERE phase = 'enter' AND name = 'madvise' "
                        + "LIMIT 3");
        assertEquals(Map.of("madvise by syscall madvise", 3), c);
    }

    @Test
    void lowerPriorityWinsThenTheFrameNearestTheLeaf() {
        assertEquals(new Cause("madvise", "stack", "do_madvise"), classifier.classify(
                List.of(frame("__schedule"), frame("schedule"), frame("do_madvise")), null));
        assertEquals(new Cause("unmap", "stack", "zap_pte_range"), classifier.classify(
                List.of(frame("zap_pte_range"), frame("unmap_vmas"), frame("__vm_munmap")),
                "munmap"));
        assertEquals(Cause.UNKNOWN, classifier.classify(List.of(frame("memcpy")), "read"));
    }

    @Test
    void compilerClonesOfAFunctionAreThatFunction() {
        assertEquals(new Cause("page freeing", "stack", "__page_cache_release.part.0"),
                classifier.classify(List.of(frame("__page_cache_release.part.0"),
                        frame("memcpy.isra.0")), null));
        assertEquals(Cause.UNKNOWN, classifier.classify(List.of(frame(".hidden")), null));
    }

    @Test
    void causesFileAddsAndOverridesRows() throws Exception {
        Path f = dir.resolve("causes.tsv");
        Files.writeString(f, "kind\tname\tcause\tpriority\n"
                + "function\tclear_page_erms\tmy zeroing\t1\n"
                + "function\tmy_driver_ioctl\tmy driver\t2\n");
        CauseClassifier mine = new CauseClassifier(CauseTaxonomy.withFile(f));
        assertEquals("my zeroing", mine.classify(List.of(frame("clear_page_erms")), null)
                .cause());
        assertEquals("my driver", mine.classify(List.of(frame("my_driver_ioctl")), null)
                .cause());
    }

    @Test
    void badCausesFileIsAnInputErrorNamingTheFile() throws Exception {
        Path f = dir.resolve("bad.tsv");
        Files.writeString(f, "kind\tname\tcause\tpriority\nfunction\tx\n");
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> CauseTaxonomy.withFile(f));
        assertTrue(e.getMessage().contains("expected 4 tab-separated columns"), e.getMessage());
    }

    @Test
    void aKindTheClassifierDoesNotReadIsRefusedNotIgnored() throws Exception {
        // causes.tsv once had tracepoint rows no code read: a user's row of that kind now
        // fails with the kinds there are, instead of changing nothing
        Path f = dir.resolve("tracepoint.tsv");
        Files.writeString(f, "kind\tname\tcause\tpriority\n"
                + "tracepoint\tvmalloc:alloc_vmap_area\tvmalloc\t2\n");
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> CauseTaxonomy.withFile(f));
        assertTrue(e.getMessage().contains(
                "kind 'tracepoint' is not function, syscall or outside syscall"), e.getMessage());
    }
}
