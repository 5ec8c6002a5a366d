package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ptrace.analyze.store.Schema;
import dev.ptrace.analyze.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database faults of docs/robustness.md, each as the doc promises it: kill -9 and a signal
 * during an ingest, the database held by another process, a full disk, a read-only path, a
 * database of an older schema version. An error is one line on stderr with no stack trace,
 * and nothing is lost or half-written: the database opens afterwards with exactly the traces
 * committed before (and no row of any other), or is byte for byte what it was. The faults that
 * need a process of their own run the command line in a child JVM; the mounts need root.
 */
class DatabaseFaultsTest {
    /** A trace of 544 events: the database's first, committed trace. */
    private static final Path SMALL = TestData.trace("perf-munmap.txt.gz");
    /** 16,859 events in 7.6 MB of text: an ingest long enough to be interrupted. */
    private static final Path BIG = TestData.trace("perf-churn-threshold128k.txt.gz");
    private static final String INTERRUPTED =
            "ptrace-analyze: interrupted: the trace being read was not stored";

    @TempDir
    Path tmp;

    @Test
    void killNineMidIngestLeavesExactlyTheCommittedTraces() throws Exception {
        Path db = tmp.resolve("db").resolve("kill.duckdb");
        Files.createDirectories(db.getParent());
        ok(Cli.run("ingest", "--db", db.toString(), SMALL.toString()));
        byte[] text = bigText();
        // the big trace through stdin: a kill lands where the test chose, not somewhere in
        // the JVM's start (0.8 to 1.9 s here, more than the ingest itself); first how long
        // the ingest goes on after its input ended (storing, committing)
        long tail;
        try (ChildCli child = ChildCli.start(tmp, "ingest", "--db", db.toString(), "-")) {
            child.write(text, text.length);
            long end = System.nanoTime();
            succeeded(child.endInput());
            tail = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - end);
        }
        List<String> traces = traces(db);
        assertEquals(2, traces.size(), traces::toString);
        // the row the big trace gets when an ingest of it commits, but for its id
        String bigRow = traces.get(1).substring(traces.get(1).indexOf('|'));
        StringBuilder rounds = new StringBuilder();
        // killed while reading (a third, two thirds of the trace read): nothing of it stored
        for (double read : new double[] {1 / 3.0, 2 / 3.0}) {
            Round r = killNine(db, text, (int) (text.length * read), -1);
            String says = rounds.append(r).append('\n').toString();
            assertFalse(r.ended(), says + r.result().err());
            assertEquals(r.before(), r.after(), says);
        }
        // killed after the input ended, while storing and committing: nothing of it, or all
        for (double at : new double[] {0.25, 0.5, 0.75, 0.95}) {
            Round r = killNine(db, text, text.length, Math.round(tail * at));
            String says = rounds.append(r).append(" (the ingest goes on for ").append(tail)
                    .append(" ms after its input)\n").toString();
            List<String> committed = new ArrayList<>(r.before());
            committed.add((r.before().size() + 1) + bigRow);
            if (r.ended()) {
                assertEquals(0, r.result().exit(), says + r.result().err());
                assertEquals(committed, r.after(), says + "the ingest ended: its trace stored");
            } else {
                assertTrue(r.after().equals(r.before()) || r.after().equals(committed),
                        says + "before " + r.before() + ", after " + r.after());
            }
        }
    }

    /** One kill -9 of an ingest: the traces before and after, and whether it ended first. */
    private record Round(String when, List<String> before, List<String> after, boolean ended,
            ChildCli.Result result) {
        @Override
        public String toString() {
            return "kill -9 " + when + ": " + (ended ? "the ingest ended first"
                    : after.equals(before) ? "nothing of the trace stored" : "the trace stored");
        }
    }

    /**
     * Ingests the first {@code length} bytes of {@code text} through stdin in a child and
     * kills it: at once, or with {@code afterEnd} >= 0, that many ms after the input ended.
     */
    private Round killNine(Path db, byte[] text, int length, long afterEnd) throws Exception {
        List<String> before = traces(db);
        boolean ended;
        ChildCli.Result r;
        try (ChildCli child = ChildCli.start(tmp, "ingest", "--db", db.toString(), "-")) {
            child.write(text, length);
            if (afterEnd < 0) {
                ended = !child.isAlive();
            } else {
                child.closeInput();
                ended = child.endsWithin(afterEnd);
            }
            child.killNine();
            r = child.await();
        }
        String when = afterEnd < 0 ? "with " + Math.round(100.0 * length / text.length)
                + "% of the trace read" : afterEnd + " ms after the input ended";
        return new Round(when, before, traces(db), ended, r);
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalMidIngestExits130WithOneLineAndLeavesTheDatabaseAsItWas(String signal)
            throws Exception {
        Path db = tmp.resolve("db").resolve("signal.duckdb");
        Files.createDirectories(db.getParent());
        ok(Cli.run("ingest", "--db", db.toString(), SMALL.toString()));
        List<String> before = traces(db);
        try (ChildCli child = ChildCli.start(tmp, "ingest", "--db", db.toString(), "-")) {
            feedHalfOfTheBigTrace(child);
            child.signal(signal);
            ChildCli.Result r = child.await();
            assertEquals(130, r.exit(), r.err());
            assertTrue(oneLine(r.err()).startsWith(INTERRUPTED), r.err());
        }
        assertEquals(before, traces(db));
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalMidIngestIntoANewDatabaseExits130AndLeavesNoFile(String signal)
            throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("db"));
        Path db = dir.resolve("new.duckdb");
        try (ChildCli child = ChildCli.start(tmp, "ingest", "--db", db.toString(), "-")) {
            feedHalfOfTheBigTrace(child);
            // the database is opened before the trace is read: this run created the file
            assertTrue(Files.exists(db), "no database created mid-ingest");
            child.signal(signal);
            ChildCli.Result r = child.await();
            assertEquals(130, r.exit(), r.err());
            assertTrue(oneLine(r.err()).startsWith(INTERRUPTED), r.err());
        }
        assertEquals(List.of(), files(dir), "left behind");
    }

    @Test
    void aDatabaseHeldByAnotherProcessIsRefusedWithOneLineAndLeftByteIdentical()
            throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("db"));
        Path db = dir.resolve("held.duckdb");
        ok(Cli.run("ingest", "--db", db.toString(), SMALL.toString()));
        List<String> before = traces(db);
        // a query that runs for minutes and writes nothing holds DuckDB's lock on the file
        try (ChildCli holder = ChildCli.start(tmp, "sql", "--db", db.toString(),
                "SELECT count(*) FROM range(20000000000)")) {
            awaitLock(holder, db);
            String sum = sha256(db);
            List<String> files = files(dir);
            Cli r = Cli.run("ingest", "--db", db.toString(), SMALL.toString());
            assertEquals(2, r.exit(), r::toString);
            String line = oneLine(r.err());
            assertTrue(line.startsWith("ptrace-analyze: cannot open database " + db + ": ")
                    && line.contains("Could not set lock") && line.contains("Conflicting lock"),
                    line);
            assertEquals(sum, sha256(db), "the held file changed");
            assertEquals(files, files(dir));
        }
        // the holder killed, the database opens as it was
        assertEquals(before, traces(db));
    }

    @Test
    void aFullDiskFailsTheIngestWithOneLineAndKeepsTheTracesItHad() throws Exception {
        try (Tmpfs disk = Tmpfs.mount(tmp.resolve("full"), "24m")) {
            Path db = disk.dir().resolve("t.duckdb");
            ok(Cli.run("ingest", "--db", db.toString(), SMALL.toString()));
            List<String> before = traces(db);
            // all but 3 MB taken: the big trace needs 4.4 MB more in the database
            long free = Files.getFileStore(disk.dir()).getUsableSpace();
            fill(disk.dir().resolve("filler"), free - (3L << 20));
            Cli r = Cli.run("ingest", "--db", db.toString(), BIG.toString());
            assertEquals(2, r.exit(), r::toString);
            String line = oneLine(r.err());
            assertTrue(line.startsWith("ptrace-analyze: cannot write to the database: ")
                    && line.contains("No space left on device"), line);
            // with the disk still full, the database opens with the traces it had
            assertEquals(before, traces(db));
        }
    }

    @Test
    void aReadOnlyPathRefusesTheIngestWithOneLineAndStillServesReadingCommands()
            throws Exception {
        try (Tmpfs disk = Tmpfs.mount(tmp.resolve("ro"), "24m")) {
            Path db = disk.dir().resolve("t.duckdb");
            ok(Cli.run("ingest", "--db", db.toString(), SMALL.toString()));
            List<String> before = traces(db);
            disk.remountReadOnly();
            String sum = sha256(db);
            List<String> files = files(disk.dir());
            Cli r = Cli.run("ingest", "--db", db.toString(), SMALL.toString());
            assertEquals(2, r.exit(), r::toString);
            String line = oneLine(r.err());
            assertTrue(line.startsWith("ptrace-analyze: cannot open database " + db + ": ")
                    && line.contains("Read-only file system"), line);
            // reading commands open it read-only
            assertEquals(before, traces(db));
            Cli report = Cli.run("report", "--db", db.toString());
            assertEquals(0, report.exit(), report::toString);
            assertTrue(report.out().startsWith("trace 1: " + SMALL + " (perf script)"),
                    report::toString);
            assertEquals("", report.err(), report::toString);
            // the analysis tables are worked out for the command, not kept
            Cli chains = Cli.run("sql", "--db", db.toString(), "--format", "csv",
                    "SELECT count(*) AS n FROM chains");
            assertEquals(0, chains.exit(), chains::toString);
            assertTrue(Long.parseLong(chains.out().lines().skip(1).findFirst().orElseThrow())
                    > 0, chains::toString);
            Cli check = Cli.run("check", "--db", db.toString());
            assertTrue(check.exit() == 0 || check.exit() == 1, check::toString);
            assertEquals(sum, sha256(db), "the read-only file changed");
            assertEquals(files, files(disk.dir()));
        }
    }

    @Test
    void anOlderSchemaVersionIsRefusedWithOneLineNamingBothVersionsAndTheFileUntouched()
            throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("db"));
        Path db = dir.resolve("old.duckdb");
        ok(Cli.run("ingest", "--db", db.toString(), SMALL.toString()));
        int older = Schema.VERSION - 1;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE schema_info SET value = ? WHERE key = 'schema_version'")) {
            ps.setString(1, Integer.toString(older));
            assertEquals(1, ps.executeUpdate());
        }
        String sum = sha256(db);
        List<String> files = files(dir);
        for (String[] args : List.of(
                new String[] {"ingest", "--db", db.toString(), SMALL.toString()},
                new String[] {"sql", "--db", db.toString(), "SELECT count(*) FROM traces"},
                new String[] {"report", "--db", db.toString()})) {
            Cli r = Cli.run(args);
            assertEquals(2, r.exit(), () -> args[0] + ": " + r);
            String line = oneLine(r.err());
            assertTrue(line.contains("schema version " + older)
                    && line.contains("reads version " + Schema.VERSION), line);
            assertEquals(sum, sha256(db), args[0] + " changed the file");
            assertEquals(files, files(dir), args[0]);
        }
    }

    /**
     * The traces a database holds, {@code id|source|events stored|events found} each, read by
     * the command line (so the database opens); fails when a table holds rows of a trace that
     * is not in {@code traces} (half an ingest).
     */
    private static List<String> traces(Path db) {
        List<String> tables = sql(db, "SELECT DISTINCT c.table_name FROM information_schema"
                + ".columns c JOIN information_schema.tables t USING (table_name) WHERE "
                + "c.column_name = 'trace_id' AND t.table_type = 'BASE TABLE' "
                + "AND c.table_name <> 'traces' ORDER BY 1");
        assertFalse(tables.isEmpty(), "no table with a trace_id");
        List<String> orphans = sql(db, "SELECT t || ': ' || n FROM (" + tables.stream()
                .map(t -> "SELECT '" + t + "' AS t, count(*) AS n FROM " + t
                        + " WHERE trace_id NOT IN (SELECT trace_id FROM traces)")
                .collect(Collectors.joining(" UNION ALL ")) + ") WHERE n > 0");
        assertEquals(List.of(), orphans, "rows of no trace in " + db);
        return sql(db, "SELECT t.trace_id || '|' || t.source || '|' || t.events || '|' || "
                + "(SELECT count(*) FROM events e WHERE e.trace_id = t.trace_id) "
                + "FROM traces t ORDER BY t.trace_id");
    }

    /** The rows of a one-column query, by {@code sql --db --format csv}. */
    private static List<String> sql(Path db, String query) {
        Cli r = Cli.run("sql", "--db", db.toString(), "--format", "csv", query);
        assertEquals(0, r.exit(), () -> "the database does not open: " + r);
        return r.out().lines().skip(1).toList();
    }

    /** The one line a fault prints on stderr: no second line, no Java stack trace. */
    private static String oneLine(String err) {
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), "not one line on stderr:\n" + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        assertTrue(lines.get(0).startsWith("ptrace-analyze: "), err);
        return lines.get(0);
    }

    private static void ok(Cli r) {
        assertEquals(0, r.exit(), r::toString);
    }

    private static long succeeded(ChildCli.Result r) {
        assertEquals(0, r.exit(), r.err());
        return r.millis();
    }

    /**
     * Writes the first half of the big trace into the child's stdin and returns once the
     * child has read it (the pipe holds 64 KB): the child is inside the ingest for sure,
     * the database open, the trace half read and not committed.
     */
    private static void feedHalfOfTheBigTrace(ChildCli child) throws IOException {
        byte[] text = bigText();
        child.write(text, text.length / 2);
        assertTrue(child.isAlive(), "the child ended before the signal");
    }

    /** The big trace as text, as a pipe would carry it. */
    private static byte[] bigText() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(BIG))) {
            return in.readAllBytes();
        }
    }

    /** Waits until the holder has DuckDB's lock on {@code db} (/proc/locks says so). */
    private static void awaitLock(ChildCli holder, Path db) throws Exception {
        String inode = ":" + Files.getAttribute(db, "unix:ino") + " ";
        String pid = " " + holder.pid() + " ";
        for (long end = System.nanoTime() + 60_000_000_000L; System.nanoTime() < end; ) {
            try (Stream<String> locks = Files.lines(Path.of("/proc/locks"))) {
                if (locks.anyMatch(l -> l.contains(pid) && l.contains(inode))) {
                    return;
                }
            }
            if (!holder.isAlive()) {
                fail("the holder ended: " + holder.stderrText());
            }
            Thread.sleep(20);
        }
        fail("the holder took no lock on " + db + " within 60 s");
    }

    /** Writes {@code bytes} zeros. */
    private static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
