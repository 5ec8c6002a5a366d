package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * perf script text in every layout of testdata/perfscript-layouts/ (other -F field sets, no
 * time, no CPU, --ns, stacks on the event line, inlined frames, several event types): each
 * ingests with --strict, and export --folded prints exactly what FlameGraph's
 * stackcollapse-perf.pl printed for the same text (NAME.folded, made by the script, not by us:
 * scripts/perfscript-layouts.sh).
 */
class PerfScriptLayoutsFoldLikeStackcollapsePerfTest {
    @TempDir
    Path tmp;

    private static final Path DIR = TestData.dir().resolve("perfscript-layouts");

    static Stream<String> layouts() throws Exception {
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".txt.gz"))
                    .map(n -> n.substring(0, n.length() - ".txt.gz".length())).sorted().toList();
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void layoutIngestsStrictlyAndFoldsExactlyAsStackcollapsePerf(String name) throws Exception {
        Cli r = Cli.run("export", "--strict", "--quiet", "--folded", "-",
                DIR.resolve(name + ".txt.gz").toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals(Files.readString(DIR.resolve(name + ".folded")), r.out());
    }

    @Test
    void sevenOfTheNineLayoutsFoldToSomethingAsTheDocsSay() throws Exception {
        // docs/perf-compatibility.md: nine layouts, stackcollapse-perf.pl folds seven of them
        // to something (its references), the one-line and tid,event,ip,sym layouts to nothing
        assertEquals(9, layouts().count());
        List<String> empty = layouts().filter(n -> {
            try {
                return Files.size(DIR.resolve(n + ".folded")) == 0;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).sorted().toList();
        assertEquals(List.of("one-line", "tid-ip-sym"), empty);
    }

    /** The stacks of a layout stackcollapse-perf.pl cannot fold are in the tables all the same. */
    @Test
    void stacksOnTheEventLineAreStoredThoughNotFoldedAndTheNoteSaysWhy() {
        String trace = DIR.resolve("one-line.txt.gz").toString();
        Cli folded = Cli.run("export", "--strict", "--quiet", "--folded", "-", trace);
        assertEquals("", folded.out());
        assertTrue(folded.err().contains("perf printed each stack on its event line"),
                folded.err());
        String db = tmp.resolve("one-line.duckdb").toString();
        assertEquals(0, Cli.run("ingest", "--quiet", "--strict", "--db", db, trace).exit());
        Cli stacks = Cli.run("sql", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM "
                + "samples WHERE stack_id IS NULL OR period <> 1000000");
        assertEquals("n\n0", stacks.out().strip(), stacks.toString());
    }

    /**
     * The multi-event default of stackcollapse-perf.pl (the first event type) and --event: in
     * a text with times but no periods each event kept weighs 1, so a fold's weights add up to
     * the count of that event's lines.
     */
    @Test
    void eventChoosesTheEventTypeTheFilterKeeps() throws Exception {
        Path trace = DIR.resolve("comm-tid-time.txt.gz");
        String text = new String(new java.util.zip.GZIPInputStream(Files.newInputStream(trace))
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        for (String event : new String[] {null, "cpu-clock"}) {
            Cli r = event == null ? Cli.run("export", "--quiet", "--folded", "-", trace.toString())
                    : Cli.run("export", "--quiet", "--folded", "-", "--event", event,
                            trace.toString());
            assertEquals(0, r.exit(), r.toString());
            String kept = event == null ? "mmap_lock:mmap_lock_start_locking" : event;
            long lines = text.lines().filter(l -> l.endsWith(" " + kept + ": ")).count();
            long weight = r.out().lines().mapToLong(l -> Long.parseLong(l.substring(
                    l.lastIndexOf(' ') + 1))).sum();
            assertTrue(lines > 0, kept);
            assertEquals(lines, weight, kept);
        }
    }

    /** Without times, what needs them says so in one line naming the file. */
    @Test
    void commandsThatNeedTimeSayItInOneLineOnATraceWithout() {
        String trace = DIR.resolve("comm-pid.txt.gz").toString();
        for (String command : List.of("contention", "chains", "inversions", "attribute",
                "findings", "report")) {
            Cli r = Cli.run(command, "--quiet", trace);
            assertEquals(2, r.exit(), command + ": " + r);
            assertEquals(1, r.err().strip().lines().count(), command + ": " + r.err());
            assertTrue(r.err().contains(trace + ": its events have no time"), r.err());
        }
    }
}
