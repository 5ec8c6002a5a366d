package dev.ptrace.analyze.cli;

import static dev.ptrace.analyze.cli.DocFigures.TIME;
import static dev.ptrace.analyze.cli.DocFigures.assertCovers;
import static dev.ptrace.analyze.cli.DocFigures.docText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.testing.PerfLockOracle;
import dev.ptrace.analyze.testing.RawPerfScript;
import dev.ptrace.analyze.testing.RawPerfScript.Event;
import dev.ptrace.analyze.testing.RawPerfScript.Wait;
import dev.ptrace.analyze.testing.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Figures docs/findings.md states, against what perf printed for the same recordings (the
 * .oracle files) or what the raw trace lines give (RawPerfScript), not against the tool's own
 * output; each is also what {@code findings} (or {@code attribute}) prints. Both the tool and
 * the derivations read microsecond timestamps: a figure rounds to what is printed.
 */
class FindingsDocFiguresTest {
    private static final Path DOC = TestData.dir().resolveSibling("docs").resolve("findings.md");
    /** A row of the table of real programs: recording, then its lock waiting in ms. */
    private static final Pattern ROW = Pattern.compile("^\\| (perf-real-[\\w-]+) \\| ([\\d.]+) ms \\|");
    private static final long TS_RESOLUTION_NS = 1000;

    /*
     * Each recording's lock waiting is the sum of perf lock contention's total wait over its
     * rows: the doc prints two decimals of a ms (5 us either way), perf each row's total to
     * half a unit of its last digit, and the perf script text the tool read has microsecond
     * timestamps (1 us a wait).
     */
    @Test
    void theRealProgramsLockWaitingIsWhatPerfLockContentionMeasured() throws Exception {
        List<String> rows = Files.readAllLines(DOC).stream()
                .filter(l -> ROW.matcher(l).find()).toList();
        assertEquals(9, rows.size(), "the table's recordings");
        for (String line : rows) {
            Matcher m = ROW.matcher(line);
            assertTrue(m.find());
            long doc = Math.round(Double.parseDouble(m.group(2)) * 1e6);
            Path trace = TestData.dir().resolve("captures").resolve(m.group(1) + ".txt.gz");
            long perf = 0;
            long tolerance = 5_000;
            for (PerfLockOracle.Row r : PerfLockOracle.read(TestData.oracle(trace, "caller"))) {
                perf += r.total().ns();
                tolerance += r.total().halfUnitNs() + r.contended() * TS_RESOLUTION_NS;
            }
            assertTrue(Math.abs(doc - perf) <= tolerance, m.group(1) + ": the doc says "
                    + doc + " ns, perf " + perf + " ns +- " + tolerance);
        }
    }

    /** What each command printed on each trace, run once for all the tests. */
    private static final Map<String, String> PRINTED = new HashMap<>();

    /** What {@code command} printed on {@code trace} (under testdata/). */
    private static synchronized String run(String command, String trace) {
        return PRINTED.computeIfAbsent(command + " " + trace, k -> {
            Cli r = Cli.run(command, TestData.dir().resolve(trace).toString());
            assertEquals(0, r.exit(), r.toString());
            return r.out();
        });
    }

    /** The figure the first match of {@code regex} (with one TIME group) prints. */
    private static String printed(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), regex + " in\n" + out);
        return m.group(1);
    }

    private static long sum(List<Wait> waits, Predicate<Wait> which) {
        return waits.stream().filter(which).mapToLong(Wait::ns).sum();
    }

    /** {@code share} of {@code all} in whole percent, as the findings print it. */
    private static String percent(long share, long all) {
        return Math.round(100.0 * share / all) + "%";
    }

    /**
     * A thread's mmap_lock hold, from its acquire_returned to its released line; in munmap
     * (between its enter and exit: {@code syscalls:sys_enter_munmap} in perf script, {@code
     * sys_munmap(addr: ...)} in tracefs) the range's length and the downgrade (a second
     * acquire, for read; -1 without), else a null length.
     */
    private record RawHold(long acquired, long downgraded, long released, Long munmapLen) {
        private static final Pattern LEN = Pattern.compile("len: 0x([0-9a-f]+)");

        static List<RawHold> of(List<Event> events, int tid) {
            List<RawHold> holds = new ArrayList<>();
            Long munmapLen = null;
            long acquired = -1;
            long downgraded = -1;
            for (Event e : events) {
                if (e.tid() != tid) {
                    continue;
                }
                if (e.name().equals("syscalls:sys_enter_munmap")
                        || e.name().equals("sys_munmap") && e.payload().startsWith("(")) {
                    Matcher m = LEN.matcher(e.payload());
                    assertTrue(m.find(), e.payload());
                    munmapLen = Long.parseLong(m.group(1), 16);
                } else if (e.name().equals("syscalls:sys_exit_munmap")
                        || e.name().equals("sys_munmap") && e.payload().startsWith("->")) {
                    munmapLen = null;
                } else if (e.name().endsWith("mmap_lock_acquire_returned")) {
                    if (acquired < 0) {
                        acquired = e.ns();
                    } else {
                        downgraded = e.ns();
                    }
                } else if (e.name().endsWith("mmap_lock_released") && acquired >= 0) {
                    holds.add(new RawHold(acquired, downgraded, e.ns(), munmapLen));
                    acquired = -1;
                    downgraded = -1;
                }
            }
            return holds;
        }

        /** A munmap's hold downgraded to read. */
        boolean downgradedMunmap() {
            return munmapLen != null && downgraded >= 0;
        }
    }

    /** A thread's longest mmap_lock holds: outside munmap, and a munmap's write and read parts. */
    private record LongestHolds(long outsideMunmap, long writePart, long readPart) {
        static LongestHolds of(List<Event> events, int tid) {
            List<RawHold> holds = RawHold.of(events, tid);
            List<RawHold> munmap = holds.stream().filter(RawHold::downgradedMunmap).toList();
            return new LongestHolds(
                    holds.stream().filter(h -> h.munmapLen() == null).mapToLong(h -> h.released() - h.acquired())
                            .max().orElse(0),
                    munmap.stream().mapToLong(h -> h.downgraded() - h.acquired()).max().orElse(0),
                    munmap.stream().mapToLong(h -> h.released() - h.downgraded()).max().orElse(0));
        }
    }

    /*
     * perf-munmap's holds of 16385: outside munmap (the MAP_POPULATE mmaps, not traced) the
     * longest from 9973.152524 to 9974.177533, 1.03 s; the longest write part of a munmap
     * 15 us (9974.177588 to .177603), the longest read part 75.97 ms (9974.656925 to .732895).
     * ftrace-munmap's 21621, through tracefs: the longest read part 76.05 ms (9979.036317 to
     * 9979.112369).
     */
    @Test
    void munmapHoldsAreTheRawAcquireToReleaseSpans() throws Exception {
        LongestHolds perf = LongestHolds.of(RawPerfScript.events(TestData.trace("perf-munmap.txt.gz")), 16385);
        String out = run("findings", "traces/perf-munmap.txt.gz");
        assertCovers(perf.outsideMunmap(), printed(out, "populate outside the traced syscalls \\(wl 16385\\) "
                + "held mmap_lock for up to " + TIME), "populate");
        assertCovers(perf.readPart(), printed(out, "munmap \\(wl 16385\\) held mmap_lock for up to " + TIME),
                "munmap");
        assertCovers(perf.writePart(), printed(out, "holds it for write only " + TIME), "write part");
        LongestHolds ftrace = LongestHolds.of(RawPerfScript.tracefsEvents(TestData.trace("ftrace-munmap.txt.gz")),
                21621);
        assertCovers(ftrace.readPart(), printed(run("findings", "traces/ftrace-munmap.txt.gz"),
                "munmap \\(wl 21621\\) held mmap_lock for up to " + TIME), "ftrace munmap");
        String doc = docText("findings.md");
        assertTrue(doc.contains("the 1 GiB MAP_POPULATE holding mmap_lock for 1.03 s"), doc);
        assertTrue(doc.contains("the 1 GiB munmap (75.97 ms, write part 15 us,"), doc);
        assertTrue(doc.contains("`ftrace-munmap` -> the munmap (76.05 ms,"), doc);
        assertTrue(PerfLockOracle.Time.of("15 us").covers(perf.writePart(), 0));
        assertTrue(PerfLockOracle.Time.of("76.05 ms").covers(ftrace.readPart(), 0));
    }

    /*
     * The waiting behind a thread's munmaps, by the model's rules (docs/findings.md: the waits
     * blamed on the holds; in pieces sized so each runs at most 10 ms) on the raw lines. The
     * read part of each munmap hold, from its downgrade to its release: the waiting in the
     * write part before it is the write hold's, what stays under the lock in two phases. What
     * each other thread's wait on the mmap_lock waited for the holder within it: the rwsem's
     * own rule (RawRwsem), by which a reader behind a queued writer waits for the writer (in
     * ftrace-munmap 21622's read behind 21623's write, 75.52 ms of the 833 ms other threads
     * waited during the holds, is 21623's). In pieces: the largest power of two of the largest
     * range (at most 64 MiB) whose share of the longest part's time on CPU stays within 10 ms;
     * each wait shrinks to one piece's hold (the part's time on CPU x piece / its range), for
     * the share of the part its holder ran (on CPU: RawRwsem.offCpu). perf-munmap's 16385: 528.15 ms,
     * 495.14 ms saved; ftrace-munmap's 21621: 757.44 ms, 709.58 ms saved.
     */
    @Test
    void munmapWaitingIsWhatTheRwsemsRuleGivesItsReadParts() throws Exception {
        long[] perf = munmapWaiting(RawPerfScript.events(TestData.trace("perf-munmap.txt.gz")), 16385);
        assertMunmapFindingPrints(perf, run("findings", "traces/perf-munmap.txt.gz"), 16385);
        long[] ftrace = munmapWaiting(RawPerfScript.tracefsEvents(TestData.trace("ftrace-munmap.txt.gz")), 21621);
        assertMunmapFindingPrints(ftrace, run("findings", "traces/ftrace-munmap.txt.gz"), 21621);
        String doc = docText("findings.md");
        assertTrue(doc.contains("the 1 GiB munmap (75.97 ms, write part 15 us, 528.15 ms of waiting)"), doc);
        assertTrue(doc.contains("`ftrace-munmap` -> the munmap (76.05 ms, 757.44 ms of waiting, all saved in two "
                + "phases, 709.58 ms in 64 MiB pieces)"), doc);
        assertTrue(PerfLockOracle.Time.of("528.15 ms").covers(perf[0], 0), perf[0] + " ns");
        assertTrue(PerfLockOracle.Time.of("757.44 ms").covers(ftrace[0], 0), ftrace[0] + " ns");
        assertTrue(PerfLockOracle.Time.of("709.58 ms").covers(ftrace[1], 0), ftrace[1] + " ns");
    }

    /** The waiting behind {@code holder}'s munmaps' read parts, and what pieces would save (ns). */
    private static long[] munmapWaiting(List<Event> events, int holder) {
        long pieceNs = 10_000_000;
        long largestPiece = 64L << 20;
        long page = 4096;
        List<Wait> waits = RawPerfScript.waits(events, events.stream().filter(e -> e.name().endsWith("contention_begin")
                && e.payload().contains("(flags=WRITE)")).findFirst().orElseThrow().lock());
        RawRwsem rwsem = RawRwsem.of(events, waits);
        List<long[]> off = RawRwsem.offCpu(events, holder);
        List<RawHold> parts = RawHold.of(events, holder).stream().filter(RawHold::downgradedMunmap).toList();
        long maxRunning = parts.stream().mapToLong(h -> h.released() - h.downgraded()
                - RawInversions.overlap(off, h.downgraded(), h.released())).max().orElseThrow();
        long range = parts.stream().mapToLong(RawHold::munmapLen).max().orElseThrow();
        long piece = Math.min(largestPiece, Math.max(page, Long.highestOneBit(range * pieceNs / maxRunning)));
        double blamed = 0;
        double saved = 0;
        for (RawHold h : parts) {
            long duration = h.released() - h.downgraded();
            long running = duration - RawInversions.overlap(off, h.downgraded(), h.released());
            double pieceHold = (double) running * piece / h.munmapLen();
            for (Wait w : waits) {
                double b = w.tid() == holder ? 0
                        : rwsem.waitedFor(w, h.downgraded(), h.released(), List.of(), (tid, ns) -> tid == holder);
                blamed += b;
                saved += Math.max(0, b - pieceHold) * running / duration;
            }
        }
        return new long[] {Math.round(blamed), Math.round(saved)};
    }

    private static void assertMunmapFindingPrints(long[] waiting, String out, int holder) {
        assertCovers(waiting[0], printed(out, "munmap \\(wl " + holder + "\\) held mmap_lock for up to .*: other "
                + "threads waited " + TIME + " behind it"), "munmap's waiting");
        assertCovers(waiting[1], printed(out, "In pieces of 64 MiB the longest hold would be about [\\d.]+ \\w+, "
                + "and the waits behind these holds " + TIME + " shorter"), "munmap in pieces");
    }

    /*
     * ftrace-vmalloc has no stacks and no mmap_lock events, so nothing names its locks: the
     * class finding's waiting is every wait, each once (2,132 paired, 51 of them begun inside
     * another wait of their thread: 2,081 waits, 193.15 ms). The vmalloc finding's waits are
     * the spinlock waits (flags=SPIN) whose thread's next event (at a later time) is
     * alloc_vmap_area: 229, 176 us, before 1,161 alloc_vmap_area lines.
     */
    @Test
    void vmallocWaitingIsTheRawOutermostWaitsAndTheSpinsBeforeEachAllocation() throws Exception {
        List<Event> events = RawPerfScript.tracefsEvents(TestData.trace("ftrace-vmalloc.txt.gz"));
        assertTrue(events.stream().noneMatch(e -> e.name().startsWith("mmap_lock")));
        List<Wait> outermost = RawPerfScript.waits(events).stream().filter(w -> !w.nested()).toList();
        long allocations = events.stream().filter(e -> e.name().equals("alloc_vmap_area")).count();
        Map<Integer, long[]> spinning = new HashMap<>(); // a thread's open spin: begin, lock
        Map<Integer, long[]> justEnded = new HashMap<>(); // its last spin ended: end, ns
        long spins = 0;
        long spinNs = 0;
        for (Event e : events) {
            long[] ended = justEnded.get(e.tid());
            if (ended != null && e.ns() > ended[0]) {
                justEnded.remove(e.tid());
                if (e.name().equals("alloc_vmap_area")) {
                    spins++;
                    spinNs += ended[1];
                }
            }
            if (e.name().equals("contention_begin") && e.payload().endsWith("(flags=SPIN)")) {
                spinning.put(e.tid(), new long[] {e.ns(), Long.parseUnsignedLong(e.lock(), 16)});
            } else if (e.name().equals("contention_end") && spinning.containsKey(e.tid())
                    && spinning.get(e.tid())[1] == Long.parseUnsignedLong(e.lock(), 16)) {
                justEnded.put(e.tid(), new long[] {e.ns(), e.ns() - spinning.remove(e.tid())[0]});
            }
        }
        String out = run("findings", "traces/ftrace-vmalloc.txt.gz");
        assertCovers(sum(outermost, w -> true), printed(out, "unnamed locks contention: "
                + String.format("%,d", outermost.size()) + " waits by \\d+ threads, " + TIME
                + " \\(100% of the lock waiting\\)"), "unnamed");
        assertCovers(spinNs, printed(out, String.format("%,d", allocations) + " vmap area allocations, .*; "
                + spins + " spinlock waits just before an allocation, " + TIME + " in all"), "vmap");
        String doc = docText("findings.md");
        assertTrue(doc.contains("`ftrace-vmalloc` -> " + spins + " spinlock waits (176 us) before "
                + String.format("%,d", allocations) + " vmap area allocations"), doc);
        assertTrue(doc.contains("`ftrace-vmalloc`, a trace without stacks -> 193.15 ms on locks nothing names"), doc);
        assertTrue(PerfLockOracle.Time.of("176 us").covers(spinNs, 0));
        assertTrue(PerfLockOracle.Time.of("193.15 ms").covers(sum(outermost, w -> true), 0));
    }

    /*
     * The inversion finding's loss is the sum of the inversions worked out from the raw lines
     * (RawInversions), its victims the waiters in them: in perf-inversion 991.07 + 822.67 ms
     * by 16371, 16374, 16375, 16376, 16377, 16378; in ftrace-inversion (the same workload
     * through tracefs) 2.70 s by 21626, 21628-21632; all nice 0 (prio 120).
     */
    @Test
    void inversionLossIsTheRawInversionsLossBySixNiceZeroThreads() throws Exception {
        record Trace(String name, List<Event> events, int root, String lock, String doc) {
        }
        for (Trace t : List.of(
                new Trace("perf-inversion", RawPerfScript.events(TestData.trace("perf-inversion.txt.gz")),
                        16373, "0xffff88810006d838", "1.81 s"),
                new Trace("ftrace-inversion", RawPerfScript.tracefsEvents(TestData.trace("ftrace-inversion.txt.gz")),
                        21627, "00000000b7640a23", "2.70 s"))) {
            RawInversions raw = RawInversions.of(t.events(), t.root(), t.lock());
            long lost = raw.inversions().stream().mapToLong(RawInversions.Inversion::lostNs).sum();
            Set<Integer> victims = new HashSet<>();
            raw.inversions().forEach(i -> i.waiters().forEach(w -> victims.add(w.tid())));
            String out = run("findings", "traces/" + t.name() + ".txt.gz");
            assertCovers(lost, printed(out, "held it while off CPU for [\\d.]+ s; " + victims.size()
                    + " threads of better priority lost " + TIME), t.name());
            assertEquals(6, victims.size(), t.name());
            assertTrue(PerfLockOracle.Time.of(t.doc()).covers(lost, 0), t.name() + ": " + lost + " ns");
        }
        assertTrue(docText("findings.md").contains("(1.81 s / 2.70 s lost by six nice-0 threads"));
    }

    /*
     * perf-madvise's lruvec lock waits are those whose callchain has folio_lruvec_lock_irqsave
     * (the function that takes it); freeing pages takes it in __page_cache_release (977 of
     * 1,417 us: 69%); the top stack, the five functions from the lock's, 961 us (the doc
     * names four, without the compiler's .part.0).
     */
    @Test
    void lruvecWaitingIsFreeingPagesAsTheRawCallchainsSay() throws Exception {
        List<Wait> lruvec = RawPerfScript.waits(RawPerfScript.events(TestData.trace("perf-madvise.txt.gz")))
                .stream().filter(w -> w.frames().contains("folio_lruvec_lock_irqsave")).toList();
        long all = sum(lruvec, w -> true);
        long freeing = sum(lruvec, w -> w.frames().contains("__page_cache_release.part.0"));
        List<String> top = List.of("folio_lruvec_lock_irqsave", "__page_cache_release.part.0",
                "folios_put_refs", "free_pages_and_swap_cache", "__tlb_batch_free_encoded_pages");
        long topStack = sum(lruvec, w -> {
            int at = w.frames().indexOf(top.get(0));
            return w.frames().subList(at, Math.min(at + top.size(), w.frames().size())).equals(top);
        });
        String out = run("findings", "traces/perf-madvise.txt.gz");
        assertTrue(out.contains("while the waiters were in page freeing " + percent(freeing, all)),
                out);
        assertCovers(topStack, printed(out, "top stack \\(" + TIME + "\\): "
                + String.join(" <- ", top) + "\n"), "top stack");
        String doc = docText("findings.md");
        assertTrue(doc.contains("lruvec lock spinning, " + percent(freeing, all) + " / 90% of it "
                + "freeing pages"), doc);
        assertTrue(doc.contains("free_pages_and_swap_cache` (961 us in `perf-madvise`)"), doc);
        assertTrue(PerfLockOracle.Time.of("961 us").covers(topStack, 0));
    }

    /*
     * bpftrace-contention's @by_stack map: a kernel stack in brackets, then its sum. Its
     * lruvec lock stacks have folio_lruvec_lock_irqsave; freeing those with
     * __page_cache_release: 90% of their sum.
     */
    @Test
    void bpftraceLruvecStacksAreNinetyPercentFreeing() throws Exception {
        long all = 0;
        long freeing = 0;
        List<String> stack = new ArrayList<>();
        for (String line : TestData.rawLines(TestData.trace("bpftrace-contention.txt.gz"))) {
            Matcher end = Pattern.compile("^\\]: (\\d+)$").matcher(line);
            if (line.startsWith("@by_stack[")) {
                stack.clear();
            } else if (end.matches()) {
                long value = Long.parseLong(end.group(1));
                if (stack.stream().anyMatch(f -> f.startsWith("folio_lruvec_lock_irqsave+"))) {
                    all += value;
                    freeing += stack.stream().anyMatch(f -> f.startsWith("__page_cache_release"))
                            ? value : 0;
                }
            } else {
                stack.add(line.strip());
            }
        }
        String out = run("findings", "traces/bpftrace-contention.txt.gz");
        assertTrue(out.contains("while the waiters were in page freeing " + percent(freeing, all)),
                out);
        assertTrue(docText("findings.md").contains("69% / " + percent(freeing, all) + " of it"));
    }

    /*
     * The JVM's page-table lock waits: those on struct page addresses (0xffffea...), paired
     * from the raw lines; the threads per address, at most 4.
     */
    @Test
    void pageTableLockWaitingAndThreadsPerPageTableAreTheRawWaits() throws Exception {
        Recording java = Recording.of("perf-real-java-parallelgc");
        List<Wait> waits = java.waits().stream().filter(w -> w.lock().startsWith("0xffffea")).toList();
        Map<String, Set<Integer>> threads = new HashMap<>();
        waits.forEach(w -> threads.computeIfAbsent(w.lock(), k -> new HashSet<>()).add(w.tid()));
        int most = threads.values().stream().mapToInt(Set::size).max().orElseThrow();
        long ns = sum(waits, w -> true);
        String out = java.findings().toString();
        assertCovers(ns, printed(out, "19,497 waits, " + TIME + " \\(longest"), "waiting");
        assertEquals(19_497, waits.size());
        assertTrue(out.contains("up to " + most + " threads waited on one page table"), out);
        assertTrue(docText("findings.md").contains("19,497 waits, 111.03 ms on 379 page tables, "
                + "up to " + most + " threads on one"));
        assertTrue(PerfLockOracle.Time.of("111.03 ms").covers(ns, 0));
    }

    /**
     * A recording of the table of real programs as this class's tests read it, once for all
     * of them: its raw waits (RawPerfScript), the names of their locks (RawLockNames) and the
     * findings {@code findings --format json} printed.
     */
    private record Recording(List<Wait> waits, Map<String, String> names, JsonNode findings) {
        private static final Map<String, Recording> READ = new HashMap<>();

        static Recording of(String name) throws Exception {
            Recording read = READ.get(name);
            if (read == null) {
                Path trace = TestData.dir().resolve("captures").resolve(name + ".txt.gz");
                List<Event> events = RawPerfScript.events(trace);
                Cli findings = Cli.run("findings", "--format", "json", trace.toString());
                assertEquals(0, findings.exit(), findings.toString());
                read = new Recording(RawPerfScript.waits(events), RawLockNames.of(events),
                        new ObjectMapper().readTree(findings.out()).get("findings"));
                READ.put(name, read);
            }
            return read;
        }
    }

    /** A row of the table of real programs, its cells split. */
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| (perf-real-[\\w-]+) \\| (.*) \\|$");
    /** A cell's figure in us, in parentheses: {@code (64 us of waiting: ...)}, {@code (38 us)}. */
    private static final Pattern CELL_US = Pattern.compile("\\((\\d+) us\\b");
    private static final String UNNAMED = "locks nothing names";

    /**
     * {@code share} of {@code all} to a tenth of a percent, as the table prints it: 97.5%,
     * 99.0%, and 100% for 100.0%.
     */
    private static String tenths(long share, long all) {
        long t = Math.round(1000.0 * share / all);
        return t == 1000 ? "100%" : t / 10 + "." + t % 10 + "%";
    }

    /*
     * The table of real programs, each row from its raw lines (RawPerfScript) and the lock
     * names of lock-names.tsv and its companions read as data (RawLockNames): the waiting is
     * each wait once, as the class findings count it (a spinlock wait begun inside another
     * wait of its thread is the outer wait's time: 14 us of perf-real-java-parallelgc's
     * 113.05 ms, 26 us of perf-real-epoll-wait's 58.48 ms), grouped by the name of its lock.
     * Named: the waiting on locks with a name, to a tenth of a percent (100%: at least
     * 99.95%; each recording's waiting is named whole since lock-names.tsv names the RCU,
     * timer, workqueue and exit-path locks of their stacks).
     * Covered: the waiting on the locks the findings name (findings --format json, each
     * finding's lock: its class), to a tenth of a percent; the waiting in us and the classes
     * left out under 100 us (what-if.tsv's lock_class_min_wait_ns) where a cell says so.
     * Largest class: the name with the most waiting, its share in whole percent; the share
     * each class finding prints is its class's too (the rq lock: 364 waits, 2.21 ms of
     * perf-real-messaging's 3.11 ms, 71%; the futex hash bucket: 3,969 waits, 13.66 of
     * 14.50 ms, 94%). Top finding: the first finding (the tool's own ranking), by its kind.
     */
    @Test
    void theRealProgramsNamedCoveredAndLargestClassAreTheRawWaitsByTheirLockNames() throws Exception {
        List<String> rows = Files.readAllLines(DOC).stream().filter(l -> TABLE_ROW.matcher(l).matches()).toList();
        assertEquals(9, rows.size(), "the table's recordings");
        Map<String, String> largestShare = new HashMap<>();
        for (String line : rows) {
            Matcher row = TABLE_ROW.matcher(line);
            assertTrue(row.matches());
            String recording = row.group(1);
            String[] cells = row.group(2).split(" \\| ");
            assertEquals(6, cells.length, line);
            String named = cells[1];
            String covered = cells[2];
            String top = cells[3];
            String largest = cells[4];

            Recording read = Recording.of(recording);
            Map<String, Long> byClass = new HashMap<>();
            read.waits().stream().filter(w -> !w.nested()).forEach(w ->
                    byClass.merge(read.names().getOrDefault(w.lock(), UNNAMED), w.ns(), Long::sum));
            long all = byClass.values().stream().mapToLong(Long::longValue).sum();
            Map.Entry<String, Long> first = byClass.entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElseThrow();

            JsonNode findings = read.findings();
            Set<String> about = new HashSet<>();
            findings.valueStream().filter(f -> f.hasNonNull("lock")).forEach(f -> about.add(f.get("lock").asString()));
            long coveredNs = about.stream().mapToLong(l -> byClass.getOrDefault(l, 0L)).sum();

            String at = recording + ": ";
            assertEquals(tenths(all - byClass.getOrDefault(UNNAMED, 0L), all), named, at + "named " + byClass);
            assertEquals(coveredNs == 0 ? "none" : tenths(coveredNs, all), covered.split(" ")[0],
                    at + "covered by " + about + " of " + byClass);
            assertEquals(first.getKey() + " " + percent(first.getValue(), all),
                    largest.replaceFirst(" \\(.*", ""), at + "largest class of " + byClass);
            Matcher us = CELL_US.matcher(covered);
            if (us.find()) {
                assertEquals(Long.parseLong(us.group(1)) * 1000, all, at + "its waiting");
            }
            us = CELL_US.matcher(largest);
            if (us.find()) {
                assertEquals(Long.parseLong(us.group(1)) * 1000, first.getValue(), at + "the largest class's waiting");
            }
            if (covered.contains("the rest: classes under 100 us")) {
                byClass.forEach((name, ns) -> assertTrue(about.contains(name) || ns < 100_000,
                        at + name + " " + ns + " ns"));
            }
            for (JsonNode f : findings) {
                if (f.get("scenario").asString().equals("lock-class")) {
                    String lock = f.hasNonNull("lock") ? f.get("lock").asString() : UNNAMED;
                    assertTrue(f.get("evidence").toString().contains("(" + percent(byClass.getOrDefault(lock, 0L), all)
                            + " of the trace's lock waiting)"), at + lock + ": " + f);
                }
            }
            assertEquals(top, findings.isEmpty() ? "-" : topFinding(findings.get(0)), at + "top finding");
            largestShare.put(recording, percent(first.getValue(), all));
        }
        String doc = docText("findings.md");
        assertTrue(doc.contains("the futex hash bucket (" + largestShare.get("perf-real-futex-hash")
                + " of its 14.50 ms)"), doc);
        assertTrue(doc.contains("the rq lock (" + largestShare.get("perf-real-messaging") + " of 3.11 ms"), doc);
    }

    /** A finding as the table's top finding column names it: its lock and kind. */
    private static String topFinding(JsonNode finding) {
        String lock = finding.get("lock").asString();
        return switch (finding.get("scenario").asString()) {
            case "lock-class" -> lock + " (class)";
            case "spinlock" -> lock + " spinning";
            case "page-table-lock" -> "page-table locks";
            default -> throw new AssertionError("a finding the table has no words for: " + finding);
        };
    }

    /** An mmap or munmap call: its thread, enter and exit, the enter's payload and the result. */
    private record Call(int tid, String name, long enter, long exit, String args, String result) {
        long arg(String key) {
            Matcher m = Pattern.compile(key + ": 0x([0-9a-f]+)").matcher(args);
            assertTrue(m.find(), key + " in " + args);
            return Long.parseUnsignedLong(m.group(1), 16);
        }

        boolean inside(int thread, long ns) {
            return tid == thread && enter <= ns && ns <= exit;
        }
    }

    /*
     * The malloc threshold finding on perf-churn-threshold128k, from the raw syscall, mmap_lock
     * and contention lines. malloc's chunks: anonymous read-write mmaps (addr 0, prot 0x3,
     * flags 0x22) unmapped whole (a munmap of the address the mmap returned, with its
     * length): 1,056, all of 0x101000 bytes (1028 KiB); 1,072 mmap and 1,061 munmap calls.
     * A threshold above them (the next power of two, 2 MiB; trim threshold twice that) keeps
     * their 2,112 calls in the heap: 21 of the 2,133 remain.
     *
     * The waiting that goes with them: each mmap_lock wait (the rwsem and its wait_lock)
     * begun inside a removed call, whole (192 waits, 112.60 ms); and of the other rwsem waits,
     * the time the thread they waited for was inside a removed call. Who a waiter waited for
     * is the lock model's (blame); here it is the rwsem's own rule (RawRwsem): 54 waits,
     * 29.76 ms. The wait_lock's holders are not in the trace:
     * waits on it count only when made inside a removed call. The tool checks the blocker's
     * call at the start of each blame piece and shares a wait among holders by its own
     * shares; the rule checks every instant: on this trace they differ by 0.20 ms, under the
     * 0.25 ms allowed (1% of the waiting behind others' calls).
     */
    @Test
    void mallocThresholdRemovesTheRawChunkCallsAndTheWaitingInAndBehindThem() throws Exception {
        List<Event> events = RawPerfScript.events(TestData.trace("perf-churn-threshold128k.txt.gz"));
        List<Call> calls = new ArrayList<>();
        Map<Integer, Event> entered = new HashMap<>();
        for (Event e : events) {
            Matcher m = Pattern.compile("syscalls:sys_(enter|exit)_(mmap|munmap)").matcher(e.name());
            if (m.matches() && m.group(1).equals("enter")) {
                entered.put(e.tid(), e);
            } else if (m.matches() && entered.containsKey(e.tid())) {
                Event in = entered.remove(e.tid());
                calls.add(new Call(e.tid(), m.group(2), in.ns(), e.ns(), in.payload(), e.payload().strip()));
            }
        }
        Map<Long, Call> mapped = new HashMap<>();
        List<Call> removed = new ArrayList<>();
        Set<Long> sizes = new HashSet<>();
        for (Call c : calls) {
            if (c.name().equals("mmap") && c.arg("addr") == 0 && c.arg("prot") == 0x3 && c.arg("flags") == 0x22) {
                mapped.put(Long.parseUnsignedLong(c.result().substring(2), 16), c);
            } else if (c.name().equals("munmap")) {
                Call chunk = mapped.remove(c.arg("addr"));
                if (chunk != null && chunk.arg("len") == c.arg("len")) {
                    removed.add(chunk);
                    removed.add(c);
                    sizes.add(c.arg("len"));
                }
            }
        }
        long chunk = sizes.iterator().next();
        long threshold = Long.highestOneBit(chunk) * 2;
        int remain = calls.size() - removed.size();

        String rwsem = events.stream().filter(e -> e.name().equals("lock:contention_begin")
                && e.payload().contains("(flags=WRITE)")).findFirst().orElseThrow().lock();
        String waitLock = "0x" + Long.toHexString(Long.parseUnsignedLong(rwsem.substring(2), 16) + 0x14);
        List<Wait> waits = RawPerfScript.waits(events).stream()
                .filter(w -> w.lock().equals(rwsem) || w.lock().equals(waitLock)).toList();
        RawRwsem rwsemOrder = RawRwsem.of(events, waits);
        List<Long> callCuts = removed.stream().flatMap(c -> Stream.of(c.enter(), c.exit())).toList();
        BiPredicate<Integer, Long> inACall = (tid, ns) -> removed.stream()
                .anyMatch(c -> c.tid() == tid && c.enter() <= ns && ns < c.exit());
        long savedWaits = 0;
        double savedNs = 0;
        for (Wait w : waits) {
            boolean inside = removed.stream().anyMatch(c -> c.inside(w.tid(), w.begin()));
            double ns = inside ? w.ns() : w.lock().equals(rwsem)
                    ? rwsemOrder.waitedFor(w, w.begin(), w.end(), callCuts, inACall) : 0;
            if (ns > 0) {
                savedWaits++;
                savedNs += ns;
            }
        }

        String out = run("findings", "traces/perf-churn-threshold128k.txt.gz");
        String headline = String.format("%,d allocations of %,d x %d KiB went to mmap and back to munmap",
                removed.size() / 2, removed.size() / 2, chunk / 1024);
        String prediction = String.format("With M_MMAP_THRESHOLD = %d and M_TRIM_THRESHOLD = %d, %,d of the %,d "
                + "mmap/munmap calls stay in the heap (%d remain)", threshold, 2 * threshold, removed.size(),
                calls.size(), remain);
        assertTrue(out.contains(headline), out);
        assertTrue(out.contains(prediction), out);
        assertTrue(out.contains(String.format("%,d mmap and %,d munmap calls", calls.stream()
                .filter(c -> c.name().equals("mmap")).count(), calls.stream().filter(c -> c.name().equals("munmap"))
                .count())), out);
        String saved = printed(out, "and " + TIME + " of mmap_lock waiting \\(" + savedWaits + " waits\\) goes away");
        assertTrue(PerfLockOracle.Time.of(saved).covers(Math.round(savedNs), 250_000), savedNs + " ns, printed " + saved);
        String doc = docText("findings.md");
        assertTrue(doc.contains(headline), doc);
        assertTrue(doc.contains(prediction), doc);
        assertTrue(doc.contains("and 142.17 ms of mmap_lock waiting (" + savedWaits + " waits) goes away"), doc);
        assertTrue(doc.contains("the threshold first (2 MiB, saves 142.17 ms of its 149.21 ms"), doc);
        assertEquals("142.17 ms", saved);
    }

    /*
     * perf-munmap's populate in pieces, by the model's rule (what-if.tsv, docs/findings.md):
     * the trace does not show the range, so each piece runs at most range_piece_ns (10 ms) of
     * the holder's time on CPU; each wait behind a hold shrinks to one piece's hold, for the
     * share of the hold its holder ran. The holds: 16385's outside munmap (the MAP_POPULATE
     * mmaps), from acquire_returned to released; its time on CPU: the hold less its time
     * switched out (RawRwsem.offCpu: 788.87 of the 1.03 s hold); what each other thread's wait
     * waited for 16385 within it: RawRwsem's rule (3.63 s in all). Saved: 3.04 s.
     */
    @Test
    void populateInPiecesSavesWhatTheModelsRuleGivesOnTheRawHolds() throws Exception {
        int holder = 16385;
        long pieceNs = 10_000_000;
        List<Event> events = RawPerfScript.events(TestData.trace("perf-munmap.txt.gz"));
        List<Wait> waits = RawPerfScript.waits(events, "0xffff88810006bf38");
        RawRwsem rwsem = RawRwsem.of(events, waits);
        List<long[]> off = RawRwsem.offCpu(events, holder);
        List<long[]> populate = new ArrayList<>();
        for (long[] h : rwsem.holds()) {
            long from = h[1];
            boolean duringMunmap = events.stream().filter(e -> e.tid() == holder && e.ns() <= from
                    && e.name().matches("syscalls:sys_(enter|exit)_munmap")).reduce((a, b) -> b)
                    .map(e -> e.name().contains("enter")).orElse(false);
            if (h[0] == holder && !duringMunmap) {
                populate.add(h);
            }
        }
        double blamed = 0;
        double saved = 0;
        for (long[] h : populate) {
            long duration = h[2] - h[1];
            long running = duration - RawInversions.overlap(off, h[1], h[2]);
            long piece = Math.min(running, pieceNs);
            for (Wait w : waits) {
                double b = w.tid() == holder ? 0
                        : rwsem.waitedFor(w, h[1], h[2], List.of(), (tid, ns) -> tid == holder);
                blamed += b;
                saved += Math.max(0, b - piece) * running / duration;
            }
        }
        String out = run("findings", "traces/perf-munmap.txt.gz");
        assertCovers(Math.round(blamed), printed(out, "waits of other threads blamed on them: " + TIME), "blamed");
        assertCovers(Math.round(saved), printed(out, "the waits behind these holds would be " + TIME + " shorter"),
                "saved");
        assertTrue(docText("findings.md").contains("for 1.03 s (3.04 s saved in pieces)"));
        assertTrue(PerfLockOracle.Time.of("3.04 s").covers(Math.round(saved), 0), saved + " ns");
    }

    /*
     * perf-churn-threshold128k's mmap_lock waiting: the waits on the rwsem (the address its
     * READ/WRITE waits name) and on its wait_lock, the spinlock 0x14 bytes into it (after
     * count, owner and osq): 148.99 + 0.22 ms = 149.21 ms.
     */
    @Test
    void churnMmapLockWaitingIsTheRawWaitsOnTheRwsemAndItsWaitLock() throws Exception {
        List<Event> events = RawPerfScript.events(TestData.trace("perf-churn-threshold128k.txt.gz"));
        String rwsem = events.stream().filter(e -> e.name().equals("lock:contention_begin")
                && e.payload().contains("(flags=WRITE)")).findFirst().orElseThrow().lock();
        String waitLock = "0x" + Long.toHexString(Long.parseUnsignedLong(rwsem.substring(2), 16) + 0x14);
        long ns = sum(RawPerfScript.waits(events), w -> w.lock().equals(rwsem) || w.lock().equals(waitLock));
        assertCovers(ns, printed(run("attribute", "traces/perf-churn-threshold128k.txt.gz"),
                "mmap_lock: " + TIME + " waited"), "mmap_lock");
        assertTrue(docText("findings.md").contains("of its 149.21 ms mmap_lock waiting"));
        assertTrue(PerfLockOracle.Time.of("149.21 ms").covers(ns, 0));
    }

    /*
     * The user-space lock paragraph (perf-futex-only): the waits on the pthread mutex and their
     * time are the raw FUTEX_WAIT lines on its word, each to its thread's next futex exit; the
     * hold the workload measured is its log's (clock_gettime from pthread_mutex_lock's return
     * to the unlock, over all its locks); findings prints the same waits and time.
     */
    @Test
    void futexOnlyMutexFiguresAreTheRawFutexCallsAndTheWorkloadsOwnHoldTime() throws Exception {
        Path futex = TestData.dir().resolve("futex");
        String wait = "uaddr: 0x56117d28d960, op: 0x00000080,";
        Map<Integer, Long> open = new HashMap<>();
        long waits = 0;
        long ns = 0;
        for (Event e : RawPerfScript.events(futex.resolve("perf-futex-only.txt.gz"))) {
            if (e.name().equals("syscalls:sys_enter_futex") && e.payload().contains(wait)) {
                open.put(e.tid(), e.ns());
                waits++;
            } else if (e.name().equals("syscalls:sys_exit_futex") && open.containsKey(e.tid())) {
                ns += e.ns() - open.remove(e.tid());
            }
        }
        long locks = 0;
        long holdNs = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(futex.resolve("perf-futex-only.log.gz"))),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(" ");
                if (f[0].equals("thread")) {
                    locks += Long.parseLong(f[4]);
                    holdNs += Long.parseLong(f[8]);
                }
            }
        }
        String doc = docText("findings.md");
        assertTrue(doc.contains("the pthread mutex first, " + waits + " waits, "
                + PerfTime.format(ns) + ","), doc);
        assertTrue(doc.contains("(the workload measured " + String.format("%.1f us",
                holdNs / 1000.0 / locks) + ": FutexWaitsTest)"), doc);
        assertTrue(run("findings", "futex/perf-futex-only.txt.gz").contains(waits
                + " waits by 4 threads, " + PerfTime.format(ns)));
    }
}
