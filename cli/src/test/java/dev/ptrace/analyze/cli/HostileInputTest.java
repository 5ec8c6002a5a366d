package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus (damaged and odd copies of the real traces, written by
 * {@link HostileCorpus}) through the command line: each case read leniently and with --strict,
 * as hostile-cases.tsv (docs/robustness.md's table) says; never a stack trace, never more than one
 * line for an error, each case in bounded time; the whole corpus in a 64 MB heap.
 */
class HostileInputTest {
    /** Far above what any case takes (a second or two): a case this slow hangs. */
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final Pattern CHECK = Pattern.compile("([\\w.]+)(=|>)(\\d+)");

    @TempDir
    static Path tmp;
    private static Map<String, Path> corpus;

    record Expected(String name, int lenientExit, String lenient, int strictExit, String strict) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void writeCorpus() throws IOException {
        corpus = HostileCorpus.write(Path.of(System.getProperty("ptrace.testdata")),
                tmp.resolve("corpus"));
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile-cases.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.startsWith("case\t") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                cases.add(Arguments.of(new Expected(f[0], Integer.parseInt(f[1]), f[2],
                        Integer.parseInt(f[3]), f[4])));
            }
        }
        return cases.stream();
    }

    @Test
    void everyCaseOfTheCorpusHasAnExpectedResult() throws IOException {
        assertEquals(corpus.keySet().stream().sorted().toList(),
                cases().map(a -> ((Expected) a.get()[0]).name()).sorted().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void leniently(Expected e) {
        Path db = tmp.resolve(e.name() + "-lenient.duckdb");
        Cli r = assertTimeoutPreemptively(BOUND, () -> Cli.run("ingest", "--db", db.toString(),
                corpus.get(e.name()).toString()));
        check(e.name(), r, e.lenientExit(), e.lenient(), db);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void strictly(Expected e) {
        Path db = tmp.resolve(e.name() + "-strict.duckdb");
        Cli r = assertTimeoutPreemptively(BOUND, () -> Cli.run("ingest", "--strict", "--db",
                db.toString(), corpus.get(e.name()).toString()));
        check(e.name(), r, e.strictExit(), e.strict(), db);
        if (e.strictExit() != 0) {
            assertFalse(Files.exists(db), "a failed first ingest leaves no database behind");
        }
    }

    private static void check(String name, Cli r, int exit, String expected, Path db) {
        assertEquals(exit, r.exit(), r.toString());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"),
                "no stack trace, no exception name: " + r);
        if (exit != 0) {
            assertEquals(1, r.err().lines().count(), "one line: " + r);
            Path file = corpus.get(name);
            assertTrue(r.err().startsWith("ptrace-analyze: " + file + ":"), r.toString());
            assertTrue(Pattern.compile(expected).matcher(r.err().substring(
                    ("ptrace-analyze: " + file + ":").length())).lookingAt(), r.toString());
            return;
        }
        Map<String, Long> stats = stats(db);
        for (String c : expected.split(" ")) {
            var m = CHECK.matcher(c);
            assertTrue(m.matches(), "check " + c);
            Long value = stats.get(m.group(1));
            long want = Long.parseLong(m.group(3));
            assertTrue(value != null && (m.group(2).equals("=") ? value == want : value > want),
                    name + ": " + c + ", found " + value + " in " + stats);
        }
    }

    /** The stats table of the one trace, and the traces row's counts. */
    private static Map<String, Long> stats(Path db) {
        Cli r = Cli.run("sql", "--db", db.toString(), "--format", "csv",
                "SELECT name, value FROM stats UNION ALL SELECT 'stacks', stacks FROM traces");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Long> stats = new HashMap<>();
        r.out().lines().skip(1).forEach(l -> stats.put(l.substring(0, l.indexOf(',')),
                Long.parseLong(l.substring(l.indexOf(',') + 1))));
        return stats;
    }

    /**
     * The whole corpus (but the two inputs refused before reading: binary, empty) in one ingest,
     * in a JVM of 64 MB heap: memory does not grow with a 100 MB line, 10,000 frames or a file
     * of two captures.
     */
    @Test
    void theWholeCorpusIsReadInA64MegabyteHeap() throws Exception {
        Path db = tmp.resolve("all.duckdb");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"),
                "bin", "java").toString(), "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "ingest", "--db",
                db.toString()));
        corpus.forEach((name, file) -> {
            if (!name.equals("binary") && !name.equals("empty")) {
                cmd.add(file.toString());
            }
        });
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        Cli r = Cli.run("sql", "--db", db.toString(), "--format", "csv",
                "SELECT count(*) FROM traces");
        assertEquals(String.valueOf(corpus.size() - 2), r.out().lines().skip(1).findFirst()
                .orElseThrow());
    }

    /** Partial input: the report says what it could not match, with the time it counts. */
    @Test
    void theReportOfPartialInputSaysWhatItCouldNotMatch() {
        Cli r = Cli.run(corpus.get("begin-without-end").toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("not matched in the trace"), r.out());
        assertTrue(r.out().matches("(?s).*\\n +2  waits with no end \\([\\d.]+ ms\\): begun and "
                + "not ended by the end of the trace.*"), r.out());
        Cli dup = Cli.run(corpus.get("duplicates").toString(), "--format", "json");
        assertTrue(dup.out().contains("{\"what\":\"contention_end with no begin\",\"count\":2,"),
                dup.out());
        // a copied end mid-trace is left out, not turned into a wait from the trace's start
        Cli waits = Cli.run("sql", "--format", "csv", "--db", ingested("duplicates"),
                "SELECT count(*) FROM waits WHERE cut_start");
        assertEquals("0", waits.out().lines().skip(1).findFirst().orElseThrow(), waits.toString());
    }

    /** The corpus file of 10,000 frames stores them all, in order. */
    @Test
    void tenThousandFramesAreAllStored() {
        Cli r = Cli.run("sql", "--format", "csv", "--db", ingested("deep-stack"),
                "SELECT max(n) FROM (SELECT count(*) AS n FROM stack_frames GROUP BY stack_id)");
        assertEquals("10000", r.out().lines().skip(1).findFirst().orElseThrow(), r.toString());
    }

    private static String ingested(String name) {
        Path db = tmp.resolve(name + "-own.duckdb");
        assertEquals(0, Cli.run("ingest", "--db", db.toString(), corpus.get(name).toString())
                .exit());
        return db.toString();
    }
}
