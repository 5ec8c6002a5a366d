package dev.ptrace.analyze.cli;

import static dev.ptrace.analyze.cli.DocFigures.TIME;
import static dev.ptrace.analyze.cli.DocFigures.assertCovers;
import static dev.ptrace.analyze.cli.DocFigures.blocks;
import static dev.ptrace.analyze.cli.DocFigures.docShowsOutput;
import static dev.ptrace.analyze.cli.DocFigures.docText;
import static dev.ptrace.analyze.cli.DocFigures.match;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.PerfLockOracle.Time;
import dev.ptrace.analyze.testing.RawPerfScript;
import dev.ptrace.analyze.testing.RawPerfScript.Event;
import dev.ptrace.analyze.testing.RawPerfScript.Wait;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/commands.md: each shown line is a line the command prints on the trace
 * it names (a line cut with "..." matches the printed line's start and end), and each figure
 * in them is worked out again from the raw trace's lines (RawPerfScript), not from the tool.
 * Both the tool and the derivation read microsecond timestamps: a figure must round to what is
 * printed (half a unit of its last digit), unless a test says why more.
 */
class CommandsDocFiguresTest {
    private static final String MMAP_LOCK = "0xffff88810006d838";
    private static final int NICE19_READER = 16373;

    /*
     * perf-inversion by hand: 16373 takes mmap_lock for read at 9971.265371 and is preempted
     * (R+) at 9971.268447; 16375 begins its write wait at 9971.272472, readers 16378, 16377,
     * 16376 queue behind it by 9971.272522; 16373 runs again at 9971.520263 (16374 begins its
     * wait at 9971.520255), releases at 9971.529798, is preempted again at 9971.529827; the
     * last waiter ends at 9971.530247. So 16375 waited 257.33 ms until the release and lost
     * 247.79 ms (9971.272472 to 9971.520263) of it; 16373 was preempted 247.79 + 0.42 ms of
     * the span and ran 9.56 ms; the five waiters lost 991.07 ms.
     */
    @Test
    void inversionsExampleIsWhatTheRawSchedSwitchAndContentionLinesGive() throws Exception {
        Path trace = TestData.trace("perf-inversion.txt.gz");
        RawInversions raw = RawInversions.of(RawPerfScript.events(trace), NICE19_READER, MMAP_LOCK);
        Cli r = Cli.run("inversions", trace.toString());
        assertEquals(0, r.exit(), r.toString());
        List<List<String>> printed = blocks(r.out(), "Inversion ");
        assertEquals(raw.inversions().size(), printed.size(), r.out());
        for (int i = 0; i < printed.size(); i++) {
            RawInversions.Inversion inv = raw.inversions().get(i);
            List<String> lines = printed.get(i);
            Matcher head = match("Inversion \\d+: " + TIME + " lost waiting for wl 16373 \\(prio 139\\), "
                    + "off CPU with mmap_lock " + MMAP_LOCK + " \\(([\\d.]+)-([\\d.]+)\\)", lines.get(0));
            assertCovers(inv.lostNs(), head.group(1), lines.get(0));
            assertEquals(List.of(inv.from(), inv.to()), List.of(seconds(head.group(2)),
                    seconds(head.group(3))), lines.get(0));
            Matcher root = match("  wl 16373: preempted " + TIME + ", running " + TIME, lines.get(1));
            assertCovers(inv.preemptedNs(), root.group(1), lines.get(1));
            assertCovers(inv.runningNs(), root.group(2), lines.get(1));
            List<String> waiters = lines.subList(2, lines.size() - 1);
            assertEquals(inv.waiters().size(), waiters.size(), String.join("\n", lines));
            for (int w = 0; w < waiters.size(); w++) {
                RawInversions.Waiter expected = inv.waiters().get(w);
                Matcher m = match("  waiter wl (\\d+) \\(prio 120\\) lost " + TIME + " of " + TIME
                        + " waited", waiters.get(w));
                assertEquals(expected.tid(), Integer.parseInt(m.group(1)), waiters.get(w));
                assertCovers(expected.lostNs(), m.group(2), waiters.get(w));
                assertCovers(expected.waitedNs(), m.group(3), waiters.get(w));
            }
            String ranLine = lines.get(lines.size() - 1);
            Map<Integer, Long> ran = new LinkedHashMap<>();
            Matcher m = Pattern.compile("\\S+ (\\d+) \\(prio \\d+\\) " + TIME)
                    .matcher(ranLine.replaceFirst("^  ran on its CPU meanwhile: ", ""));
            while (m.find()) {
                long ns = inv.ranMeanwhile().getOrDefault(Integer.parseInt(m.group(1)), 0L);
                assertCovers(ns, m.group(2), ranLine);
                ran.put(Integer.parseInt(m.group(1)), ns);
            }
            assertEquals(inv.ranMeanwhile(), ran, ranLine);
        }
        docShowsOutput("commands.md", "Inversion 1: 991.07 ms", r.out());
        assertTrue(docText("commands.md").contains("247.89 ms, wl 16375 (prio 120) 125.00 us"));
    }

    /*
     * Chain 1 is the waits that began while 16373 held the lock: 257.36 + 257.76 + 257.54 +
     * 257.43 + 9.85 ms = 1.04 s (1,039.93 ms from the raw pairs), over the inversion's span.
     */
    @Test
    void chainExampleTotalsTheWaitsPairedFromTheRawContentionLines() throws Exception {
        Path trace = TestData.trace("perf-inversion.txt.gz");
        List<Event> events = RawPerfScript.events(trace);
        RawInversions.Inversion inv = RawInversions.of(events, NICE19_READER, MMAP_LOCK)
                .inversions().get(0);
        List<Wait> waits = RawPerfScript.waits(events, MMAP_LOCK).stream()
                .filter(w -> w.begin() >= inv.from() && w.end() <= inv.to()).toList();
        assertEquals(5, waits.size());
        Cli r = Cli.run("chains", trace.toString());
        assertEquals(0, r.exit(), r.toString());
        String[] lines = r.out().split("\n");
        Matcher head = match("Chain 1: " + TIME + " of waiting in 5 waits for wl 16373 \\(prio 139\\), "
                + "mmap_lock " + MMAP_LOCK, lines[0]);
        assertCovers(waits.stream().mapToLong(Wait::ns).sum(), head.group(1), lines[0]);
        Matcher root = match("  wl 16373 over [\\d.]+-[\\d.]+ \\(" + TIME + "\\): preempted " + TIME
                + ", running " + TIME, lines[1]);
        assertCovers(inv.to() - inv.from(), root.group(1), lines[1]);
        assertCovers(inv.preemptedNs(), root.group(2), lines[1]);
        assertCovers(inv.runningNs(), root.group(3), lines[1]);
        for (Wait w : waits) {
            String line = r.out().lines().filter(l -> l.contains("wl " + w.tid() + " (prio 120) waits"))
                    .findFirst().orElseThrow();
            assertCovers(w.ns(), match(".* waits " + TIME + " for .*", line).group(1), line);
        }
        docShowsOutput("commands.md", "Chain 1: ", r.out());
    }

    /** The waiter's row by its callchain's function, the first that names one. */
    private static final Map<String, String> WAITER_IN = new LinkedHashMap<>(Map.of(
            "exc_page_fault", "page fault", "vm_mmap_pgoff", "mmap", "__x64_sys_munmap", "munmap",
            "__x64_sys_mprotect", "mprotect", "do_madvise", "madvise"));

    /*
     * perf-munmap's mmap_lock waiting by what the waiter and the holder were doing, from the raw
     * lines: each wait's row from the function its callchain waited in; its time inside a hold
     * of 16385 (the thread mapping and unmapping 1 GiB; its holds are exact: acquire_returned
     * to released) goes to munmap when 16385 was between sys_enter_munmap and sys_exit_munmap,
     * else to populate (the MAP_POPULATE mmap, whose syscall the capture did not trace); a
     * populate or munmap cell may differ by the waiting outside 16385's holds, which the lock
     * model gives to other holders or to the lock being handed over. The handoff cells are
     * exact to the printed digits ({@link #handoffs}, from the raw lines too).
     */
    @Test
    void attributeExampleSplitsTheRawWaitsByTheHoldersSyscallAndTheLockBeingHandedOver() throws Exception {
        Path trace = TestData.trace("perf-munmap.txt.gz");
        List<Event> events = RawPerfScript.events(trace);
        int holder = 16385;
        List<long[]> holds = new ArrayList<>();
        List<Boolean> inMunmap = new ArrayList<>();
        boolean munmap = false;
        Long from = null;
        for (Event e : events) {
            if (e.tid() != holder) {
                continue;
            }
            switch (e.name()) {
                case "syscalls:sys_enter_munmap" -> munmap = true;
                case "syscalls:sys_exit_munmap" -> munmap = false;
                case "mmap_lock:mmap_lock_acquire_returned" -> {
                    if (from == null) {
                        from = e.ns();
                        inMunmap.add(munmap);
                    }
                }
                case "mmap_lock:mmap_lock_released" -> {
                    holds.add(new long[] {from, e.ns()});
                    from = null;
                }
                default -> { }
            }
        }
        Map<String, Long> cells = new LinkedHashMap<>();
        long total = 0;
        long outsideHolds = 0;
        for (Wait w : RawPerfScript.waits(events, "0xffff88810006bf38")) {
            String row = WAITER_IN.entrySet().stream().filter(k -> w.frames().contains(k.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElseThrow();
            total += w.ns();
            cells.merge(row + " total", w.ns(), Long::sum);
            long held = 0;
            for (int i = 0; i < holds.size() && w.tid() != holder; i++) {
                long ns = RawInversions.overlap(List.of(holds.get(i)), w.begin(), w.end());
                String column = inMunmap.get(i) ? "munmap" : "populate";
                cells.merge(row + " " + column, ns, Long::sum);
                cells.merge("total " + column, ns, Long::sum);
                held += ns;
            }
            outsideHolds += w.ns() - held;
        }
        handoffs(events, "0xffff88810006bf38", "0xffff88810006be80").forEach(cells::put);
        Cli r = Cli.run("attribute", trace.toString());
        assertEquals(0, r.exit(), r.toString());
        List<String> table = blocks(r.out(), "mmap_lock: ").get(0);
        assertCovers(total, match("mmap_lock: " + TIME + " waited", table.get(0)).group(1), table.get(0));
        cells.put("total total", total);
        String header = table.get(1);
        for (String line : table.subList(2, table.size())) {
            String row = line.strip().split("\\s{2,}")[0];
            for (String column : List.of("populate", "munmap", "handoff", "total")) {
                // columns are right-aligned under their names; a blank cell is no waiting
                int end = Math.min(header.indexOf(column) + column.length(), line.length());
                Matcher cell = Pattern.compile(TIME + "$").matcher(line.substring(0, end));
                String printed = cell.find() ? cell.group(1) : "0 ns";
                long slack = column.equals("populate") || column.equals("munmap") ? outsideHolds : 0;
                long ns = cells.getOrDefault(row + " " + column, 0L);
                assertTrue(Time.of(printed).covers(ns, slack), row + " / " + column + ": " + ns
                        + " ns from the raw lines (+- " + slack + "), printed " + line);
            }
        }
        assertTrue(outsideHolds < 4_000_000, outsideHolds + " ns");
        docShowsOutput("commands.md", "mmap_lock: 4.74 s waited", r.out());
        assertTrue(docText("commands.md").contains("4.14 s of the 4.74 s of mmap_lock waiting "
                + "went to the populate"));
        assertTrue(Time.of("604 ms").covers(cells.get("total munmap"), 0), cells.toString());
    }

    /**
     * The handoff cells (ROW handoff, and total handoff) from the raw lines, by the rwsem's
     * rules of handing itself over (RwsemModel's comment): a wait's time is the lock being
     * handed to a waiter while no thread holds the rwsem (mmap_lock events: acquire_returned
     * with success=true to released; a downgrade keeps it held) and the first waiter in line is
     * not in a wait on another lock at the time (the waiters behind it wait for it, and the
     * chain follows it into that wait); and, for a reader, while only readers hold it and no
     * writer waits ahead of it (the rwsem granted it the lock: it waits for its wakeup).
     */
    private static Map<String, Long> handoffs(List<Event> events, String lock, String mm) {
        Map<Integer, Boolean> holders = new HashMap<>(); // holding thread: for write
        Map<Integer, Wait> queue = new LinkedHashMap<>(); // waiters in order of their begin
        Map<Integer, String> rowOf = new HashMap<>();
        Map<Integer, Integer> otherWaits = new HashMap<>();
        Map<String, Long> cells = new LinkedHashMap<>();
        long last = events.get(0).ns();
        for (Event e : events) {
            long span = e.ns() - last;
            last = e.ns();
            Integer head = queue.isEmpty() ? null : queue.keySet().iterator().next();
            boolean writerAhead = false;
            for (Wait w : queue.values()) {
                boolean reader = w.payload().contains("READ");
                boolean handedOver = holders.isEmpty() ? otherWaits.getOrDefault(head, 0) == 0
                        : reader && !holders.containsValue(true) && !writerAhead;
                if (handedOver && span > 0) {
                    cells.merge(rowOf.get(w.tid()) + " handoff", span, Long::sum);
                    cells.merge("total handoff", span, Long::sum);
                }
                writerAhead |= !reader;
            }
            boolean ours = e.name().startsWith("lock:contention_") && e.lock().equals(lock);
            switch (e.name()) {
                case "lock:contention_begin" -> {
                    if (ours) {
                        queue.putIfAbsent(e.tid(), new Wait(e.tid(), lock, e.ns(), e.ns(),
                                e.payload(), e.frames(), false));
                        rowOf.putIfAbsent(e.tid(), WAITER_IN.entrySet().stream()
                                .filter(k -> e.frames().contains(k.getKey()))
                                .map(Map.Entry::getValue).findFirst().orElseThrow());
                    } else {
                        otherWaits.merge(e.tid(), 1, Integer::sum);
                    }
                }
                case "lock:contention_end" -> {
                    if (ours) {
                        queue.remove(e.tid());
                        rowOf.remove(e.tid());
                    } else {
                        otherWaits.computeIfPresent(e.tid(), (t, n) -> n > 1 ? n - 1 : null);
                    }
                }
                case "mmap_lock:mmap_lock_acquire_returned" -> {
                    if (mm.equals(e.field("mm")) && "true".equals(e.field("success"))) {
                        holders.put(e.tid(), "true".equals(e.field("write")));
                    }
                }
                case "mmap_lock:mmap_lock_released" -> {
                    if (mm.equals(e.field("mm"))) {
                        holders.remove(e.tid());
                    }
                }
                default -> { }
            }
        }
        return cells;
    }

    /*
     * The comm-pid layout has no times: contention says so, export --folded still folds. The
     * folded line shown is the last of stackcollapse-perf.pl's own fold of the file
     * (comm-pid.folded), and its weight 1 is the number of the raw text's callchains that are
     * this stack (frames root first, [unknown] named by its module, as the script names it).
     */
    @Test
    void commPidExampleIsTheScriptsLastFoldedLineAndOneRawCallchain() throws Exception {
        Path trace = TestData.dir().resolve("perfscript-layouts/comm-pid.txt.gz");
        List<String> doc = Files.readAllLines(DocFigures.DOCS.resolve("commands.md"));
        int at = doc.indexOf("$ ./ptrace-analyze contention testdata/perfscript-layouts/comm-pid.txt.gz");
        String noTime = doc.get(at + 1);
        String folded = doc.get(at + 3);
        List<String> reference = Files.readAllLines(trace.resolveSibling("comm-pid.folded"));
        assertEquals(reference.get(reference.size() - 1), folded);

        int same = 0;
        List<String> frames = new ArrayList<>();
        String comm = null;
        for (String line : TestData.rawLines(trace)) {
            Matcher frame = RAW_FRAME.matcher(line);
            if (frame.matches()) {
                String module = Path.of(frame.group(2)).getFileName().toString();
                frames.add(0, !frame.group(1).equals("[unknown]") ? frame.group(1)
                        : module.startsWith("[") ? module : "[" + module + "]");
            } else if (line.isBlank()) {
                same += (comm + ";" + String.join(";", frames) + " 1").equals(folded) ? 1 : 0;
                frames.clear();
            } else {
                comm = line.strip().split("\\s+")[0];
            }
        }
        assertEquals(1, same);

        Cli contention = Cli.run("contention", trace.toString());
        assertEquals(2, contention.exit(), contention.toString());
        assertEquals(noTime.replace("testdata/perfscript-layouts/comm-pid.txt.gz", trace.toString()),
                contention.err().strip());
        Cli export = Cli.run("export", trace.toString(), "--folded", "-");
        assertEquals(0, export.exit(), export.toString());
        List<String> lines = export.out().lines().toList();
        assertEquals(folded, lines.get(lines.size() - 1));
    }

    /** A callchain line of perf script: {@code ADDRESS FUNCTION (MODULE)}. */
    private static final Pattern RAW_FRAME = Pattern.compile("^\\s+[0-9a-f]+ (\\S+) \\((.*)\\)$");

    /** A perf script time, {@code 9971.272472}, in ns. */
    private static long seconds(String printed) {
        String[] p = printed.split("\\.");
        return Long.parseLong(p[0]) * 1_000_000_000L + Long.parseLong(p[1]) * 1000;
    }
}
