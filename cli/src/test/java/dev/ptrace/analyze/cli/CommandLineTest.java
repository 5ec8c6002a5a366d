package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end, and what users see when input or usage is wrong. */
class CommandLineTest {
    @TempDir
    Path tmp;

    private static final String INVERSION = TestData.trace("perf-inversion.txt.gz").toString();
    private static final String MUNMAP = TestData.trace("perf-munmap.txt.gz").toString();

    /** One line on stderr, no Java stack trace. */
    private static void assertOneLineError(Cli r, String startsWith) {
        assertEquals(2, r.exit(), r.toString());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.toString());
        assertTrue(lines.get(0).startsWith("ptrace-analyze: " + startsWith), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }

    /** The command line of a run holds the subcommands it can run, and help lists them all. */
    @Test
    void aNamedSubcommandIsBuiltAloneAndHelpListsEveryOne() {
        assertEquals(List.of("chains"), List.copyOf(PtraceAnalyzeCommand.commandLine(
                new String[] {"--quiet", "chains", "--db", "x.duckdb"}).getSubcommands().keySet()));
        assertEquals(List.of(), List.copyOf(PtraceAnalyzeCommand.commandLine(
                new String[] {"--format", "json", INVERSION}).getSubcommands().keySet()));
        List<String> all = PtraceAnalyzeCommand.SUBCOMMANDS.stream().map(c -> c.getAnnotation(
                picocli.CommandLine.Command.class).name()).toList();
        assertEquals(all, List.copyOf(PtraceAnalyzeCommand.commandLine(new String[] {"--help"})
                .getSubcommands().keySet()));
        Cli help = Cli.run("--help");
        assertEquals(0, help.exit(), help.toString());
        for (String name : all) {
            assertTrue(help.out().contains("\n  " + name + " "), name + " in " + help.out());
        }
    }

    private String tracesIn(Path db) {
        Cli r = Cli.run("sql", "--db", db.toString(), "SELECT count(*) AS n, "
                + "coalesce(sum(events), 0) AS events FROM traces", "--format", "csv");
        assertEquals(0, r.exit(), r.toString());
        return r.out();
    }

    @Test
    void ingestThenSqlThenContentionFromTheDatabaseAndItsContentionTable() {
        Path db = tmp.resolve("t.duckdb");
        Cli ingest = Cli.run("ingest", MUNMAP, INVERSION, "--db", db.toString());
        assertEquals(0, ingest.exit(), ingest.toString());
        assertTrue(ingest.out().startsWith("trace 1: " + MUNMAP + ": perf script, 544 events"),
                ingest.out());
        assertEquals("n,events\n2,11260\n", tracesIn(db));
        Cli sql = Cli.run("sql", "--db", db.toString(), "SELECT prev_state, count(*) AS n FROM "
                + "sched_switch WHERE trace_id = 2 GROUP BY 1 ORDER BY 1", "--format", "json");
        // counted independently: zcat perf-inversion.txt.gz | grep -oE 'prev_state=[^ ]+' | uniq -c
        assertEquals("[{\"prev_state\":\"D\",\"n\":13},{\"prev_state\":\"R\",\"n\":551},"
                + "{\"prev_state\":\"R+\",\"n\":17},{\"prev_state\":\"S\",\"n\":1092}]\n", sql.out());
        Cli c = Cli.run("contention", "--db", db.toString(), "--trace", "2", "--format", "csv");
        assertEquals(0, c.exit(), c.toString());
        assertTrue(c.out().contains("1,835748000,835748000,835748000,rwsem:W,do_syscall_64+0x71"),
                c.out());
        // the analysis table a query names holds the same rows, worked out for the query
        Cli t = Cli.run("sql", "--db", db.toString(), "SELECT contended, total_ns, type, label"
                + " FROM contention WHERE trace_id = 2 AND grouped_by = 'caller' ORDER BY rank",
                "--format", "csv");
        assertEquals(0, t.exit(), t.toString());
        assertTrue(t.out().contains("\n1,835748000,rwsem:W,do_syscall_64+0x71\n"), t.out());
        assertEquals(c.out().lines().count(), t.out().lines().count(), c + "\n" + t);
    }

    @Test
    void contentionOnADatabaseOfSeveralTracesAsksWhichOne() {
        Path db = tmp.resolve("t.duckdb");
        Cli.run("ingest", MUNMAP, INVERSION, "--db", db.toString());
        assertOneLineError(Cli.run("contention", "--db", db.toString()),
                "the database holds traces [1, 2]: choose one with --trace ID");
    }

    @Test
    void standardInputIsReadWithDash() throws IOException {
        InputStream saved = System.in;
        try (InputStream gz = new GZIPInputStream(Files.newInputStream(Path.of(MUNMAP)))) {
            System.setIn(new ByteArrayInputStream(gz.readAllBytes()));
            Cli r = Cli.run("contention", "-", "--by", "thread", "--format", "csv");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains(",16383,wl\n"), r.out());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void truncatedGzipWithStrictIsAOneLineErrorAndTheDatabaseIsUnchanged() throws IOException {
        Path db = tmp.resolve("t.duckdb");
        Cli.run("ingest", MUNMAP, "--db", db.toString());
        String before = tracesIn(db);
        byte[] gz = Files.readAllBytes(Path.of(INVERSION));
        Path cut = tmp.resolve("cut.txt.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        Cli r = Cli.run("ingest", cut.toString(), "--db", db.toString(), "--strict");
        assertOneLineError(r, cut + ":");
        assertTrue(r.err().contains("a complete gzip stream, found the end of the file inside it"),
                r.err());
        assertEquals(before, tracesIn(db));
    }

    @Test
    void failedIngestIntoANewDatabaseLeavesNoFile() throws IOException {
        Path db = tmp.resolve("new.duckdb");
        Path noise = tmp.resolve("noise.bin");
        byte[] bytes = new byte[8192];
        new java.util.Random(1).nextBytes(bytes);
        Files.write(noise, bytes);
        assertOneLineError(Cli.run("ingest", noise.toString(), "--db", db.toString()),
                noise + ": binary data");
        assertFalse(Files.exists(db));
    }

    @Test
    void fileOfAnotherFormatNamesItsFirstLine() throws IOException {
        Path json = tmp.resolve("trace.json");
        Files.writeString(json, "{\"traceEvents\": []}\n");
        assertOneLineError(Cli.run(json.toString()), json + ":1: not a trace format this tool "
                + "reads");
    }

    @Test
    void eventLineWithoutTimestampIsSkippedAndCountedOrFatalWithStrict() throws IOException {
        Path bad = tmp.resolve("bad.txt");
        List<String> lines = new java.util.ArrayList<>(gunzipLines(MUNMAP));
        int broken = lines.indexOf(lines.stream().filter(l -> l.contains("contention_begin"))
                .findFirst().orElseThrow());
        lines.set(broken, lines.get(broken).replaceFirst("\\d+\\.\\d+: ", ""));
        Files.write(bad, lines, StandardCharsets.UTF_8);
        int lineNumber = broken + 1;

        Cli lenient = Cli.run("ingest", bad.toString(), "--db", tmp.resolve("l.duckdb").toString());
        assertEquals(0, lenient.exit(), lenient.toString());
        assertTrue(lenient.err().startsWith("warning: " + bad + ":" + lineNumber
                + ": expected a perf script event line"), lenient.err());
        Cli skipped = Cli.run("sql", "--db", tmp.resolve("l.duckdb").toString(), "SELECT name, "
                + "value FROM stats WHERE name LIKE 'skipped%' ORDER BY name", "--format", "csv");
        int frames = 0;
        while (lines.get(broken + 1 + frames).startsWith("\t")) {
            frames++;
        }
        assertEquals("name,value\nskipped.callchain_of_skipped_event," + frames
                + "\nskipped.malformed_event_line,1\nskipped_lines," + (frames + 1) + "\n",
                skipped.out());

        Path strictDb = tmp.resolve("s.duckdb");
        Cli strict = Cli.run("ingest", "--strict", bad.toString(), "--db", strictDb.toString());
        assertOneLineError(strict, bad + ":" + lineNumber + ": expected a perf script event line");
        assertFalse(Files.exists(strictDb));
    }

    @Test
    void debugShowsTheStackTrace() throws IOException {
        Path json = tmp.resolve("trace.json");
        Files.writeString(json, "{}\n");
        Cli r = Cli.run("--debug", json.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("\tat dev.ptrace.analyze."), r.err());
    }

    @Test
    void badSqlIsAOneLineError() {
        Path db = tmp.resolve("t.duckdb");
        Cli.run("ingest", MUNMAP, "--db", db.toString());
        assertOneLineError(Cli.run("sql", "--db", db.toString(), "SELEC 1"), "sql: Parser Error");
    }

    @Test
    void missingDatabaseAndUnknownOptionAreUsageErrors() {
        assertOneLineError(Cli.run("sql", "--db", tmp.resolve("none.duckdb").toString(),
                "SELECT 1"), "no database at");
        Cli r = Cli.run("contention", "--frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("ptrace-analyze: Unknown option: '--frobnicate'"), r.err());
    }

    @Test
    void helpListsTheExitCodes() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("(?s).*\\n +2 +usage or input error.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n +130 +interrupted.*"), r.out());
    }

    private static List<String> gunzipLines(String file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(file)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void unreadableKallsymsIsAOneLineErrorAndNoDatabaseIsCreated() {
        Path db = tmp.resolve("k.duckdb");
        Path missing = tmp.resolve("no-kallsyms");
        assertOneLineError(Cli.run("ingest", INVERSION, "--db", db.toString(), "--kallsyms",
                missing.toString()), missing + ": cannot read the kallsyms file");
        assertFalse(java.nio.file.Files.exists(db));
    }

    @Test
    void kallsymsWithoutTraceFilesIsAUsageError() {
        Path db = tmp.resolve("t.duckdb");
        Cli.run("ingest", INVERSION, "--db", db.toString());
        assertOneLineError(Cli.run("chains", "--db", db.toString(), "--kallsyms", INVERSION),
                "--kallsyms names addresses when trace FILEs are read");
    }

    /**
     * Running out of heap is one line and exit 3 too, not a Java stack trace: a callchain of
     * 500,000 frames (one event's stack is held whole) read by a JVM of 16 MB heap.
     */
    @Test
    void runningOutOfMemoryIsOneLineAndExitCode3() throws Exception {
        Path trace = tmp.resolve("deep-stack.txt.gz");
        try (java.io.Writer w = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(
                Files.newOutputStream(trace)), StandardCharsets.UTF_8)) {
            w.write("wl 1 [000] 1.000000:     250000 cpu-clock:\n");
            for (int i = 0; i < 500_000; i++) {
                w.write("\tffffffff8100" + String.format("%04x", i % 65536) + " function_number_"
                        + i + "+0x10 ([kernel.kallsyms])\n");
            }
            w.write("\n");
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx16m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "ingest", "--db",
                tmp.resolve("deep.duckdb").toString(), trace.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(3, p.waitFor(), err);
        List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).startsWith("ptrace-analyze: internal error: OutOfMemoryError"),
                err);
    }

    /**
     * Stopped in the middle of an ingest (SIGTERM here; Ctrl-C's SIGINT takes the same path,
     * checked by hand): one line saying so, exit 130, the database keeps what was committed.
     */
    @Test
    void anIngestStoppedHalfwayStoresNothingOfItAndExits130() throws Exception {
        Path db = tmp.resolve("stopped.duckdb");
        assertEquals(0, Cli.run("ingest", "--db", db.toString(),
                TestData.trace("perf-churn-dynamic.txt.gz").toString()).exit());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "ingest", "--db", db.toString(), "-")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("stopped.err").toFile()).start();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(TestData.trace(
                "perf-inversion.txt.gz")))) {
            byte[] half = in.readNBytes(2_000_000);
            p.getOutputStream().write(half);
            p.getOutputStream().flush();
        }
        Thread.sleep(4000); // the input stays open: the ingest waits for more
        p.destroy();
        int exit = p.waitFor();
        String err = Files.readString(tmp.resolve("stopped.err"));
        assertEquals(130, exit, err);
        assertEquals(List.of("ptrace-analyze: interrupted: the trace being read was not stored; "
                + "a database keeps the traces committed before"), err.lines().toList());
        String before = Cli.run("sql", "--db", db.toString(), "--format", "csv",
                "SELECT count(*), max(source) FROM traces").out();
        assertTrue(before.contains("1,") && before.contains("perf-churn-dynamic"), before);
    }

    /** A named pipe as FILE (a capture streamed in): read like a file, no "Illegal seek". */
    @Test
    void aNamedPipeIsReadLikeAFile() throws Exception {
        Path fifo = tmp.resolve("trace.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo unavailable");
        Thread writer = new Thread(() -> {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(TestData.trace(
                    "perf-churn-dynamic.txt.gz")));
                 java.io.OutputStream out = Files.newOutputStream(fifo)) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Cli r = Cli.run("contention", fifo.toString(), "--format", "csv");
        writer.join();
        assertEquals(0, r.exit(), r.toString());
        assertEquals(Cli.run("contention", TestData.trace("perf-churn-dynamic.txt.gz")
                .toString(), "--format", "csv").out(), r.out());
        Cli dir = Cli.run("contention", tmp.toString());
        assertOneLineError(dir, tmp + ": a directory, not a trace file");
    }
}
