package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.fleet.Fleet;
import dev.ptrace.analyze.lake.LakeFilter;
import dev.ptrace.analyze.lake.LakeLayout;
import dev.ptrace.analyze.query.ResultFormat;
import dev.ptrace.analyze.store.TableDef;
import dev.ptrace.analyze.testing.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake from the command line: ingest --lake files each capture where it says, and the
 * analysis commands, sql and fleet read it back as they read the files; export --lake from a
 * database files the same trace; one bad file costs no other; kill -9 at any point of an
 * ingest leaves no trace in part.
 */
class LakeCommandsTest {
    private static final Path TRACES = TestData.dir().resolve("traces");
    private static final String INVERSION = TRACES.resolve("perf-inversion.txt.gz").toString();
    private static final String MUNMAP = TRACES.resolve("perf-munmap.txt.gz").toString();

    @TempDir static Path tmp;
    private static Path lake;
    private static Cli ingest;

    @BeforeAll
    static void ingestTwoFiles() {
        lake = tmp.resolve("lake");
        ingest = Cli.run("ingest", INVERSION, MUNMAP, "--lake", lake.toString(), "--host",
                "ci-7", "--date", "2026-11-30", "--jobs", "2");
    }

    /** The content hash ingest printed for a file. */
    private static String traceOf(String file) {
        return ingest.out().lines().filter(l -> l.startsWith(file + ": trace ")).findFirst()
                .orElseThrow().split(" ")[2].replace(",", "");
    }

    @Test
    void ingestSaysWhereEachFileWentAndTheFolderIsThere() {
        assertEquals(0, ingest.exit(), ingest.toString());
        for (String f : List.of(INVERSION, MUNMAP)) {
            String id = traceOf(f);
            assertTrue(ingest.out().contains(f + ": trace " + id + ", 2026-11-30, host ci-7"),
                    ingest.toString());
            assertTrue(Files.isDirectory(lake.resolve("date=2026-11-30").resolve("host=ci-7")
                    .resolve("trace_id=" + id)), id);
        }
    }

    @Test
    void findingsAndContentionOfALakeTraceAreThoseOfItsFile() {
        String prefix = traceOf(INVERSION).substring(0, 8);
        for (String command : List.of("findings", "contention", "inversions")) {
            Cli fromFile = Cli.run(command, INVERSION);
            Cli fromLake = Cli.run(command, "--lake", lake.toString(), "--trace", prefix);
            assertEquals(0, fromLake.exit(), fromLake.toString());
            assertEquals(fromFile.out(), fromLake.out(), command);
        }
    }

    @Test
    void aSingleTraceCommandOverSeveralLakeTracesAsksForOne() {
        Cli r = Cli.run("findings", "--lake", lake.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("choose one with --trace"), r.err());
    }

    @Test
    void sqlOverALakeHasTheFolderColumnsAndFilters() {
        Cli r = Cli.run("sql", "--lake", lake.toString(), "--host", "ci-7", "--format", "csv",
                "SELECT date, host, count(*) AS traces FROM traces GROUP BY ALL");
        assertEquals("date,host,traces\n2026-11-30,ci-7,2\n", r.out(), r.toString());
        r = Cli.run("sql", "--lake", lake.toString(), "--host", "elsewhere", "--format", "csv",
                "SELECT count(*) AS traces FROM traces");
        assertEquals("traces\n0\n", r.out(), r.toString());
    }

    @Test
    void fleetAnswersAsTextCsvJsonAndMarkdown() {
        Cli csv = Cli.run("fleet", "inversions_by_kernel", "--lake", lake.toString(),
                "--format", "csv");
        assertEquals(0, csv.exit(), csv.toString());
        List<String> lines = csv.out().lines().toList();
        assertEquals("kernel,traces,traces_with_inversions,inversions,lost_ns", lines.get(0));
        Cli md = Cli.run("fleet", "inversions_by_kernel", "--lake", lake.toString(),
                "--format", "md");
        assertEquals("| kernel | traces | traces_with_inversions | inversions | lost_ns |",
                md.out().lines().findFirst().orElseThrow());
        assertEquals("| " + lines.get(1).replace(",", " | ") + " |",
                md.out().lines().skip(2).findFirst().orElseThrow());
        Cli json = Cli.run("fleet", "inversions_by_kernel", "--lake", lake.toString(),
                "--format", "json");
        assertTrue(json.out().strip().startsWith("["), json.out());
        Cli list = Cli.run("fleet", "--list");
        for (String q : List.of("lock_waiting", "top_callers", "findings_by_scenario",
                "inversions_by_kernel", "metric_change")) {
            assertTrue(list.out().contains(q), list.out());
        }
        Cli unknown = Cli.run("fleet", "nope", "--lake", lake.toString());
        assertEquals(2, unknown.exit());
        assertEquals("ptrace-analyze: no fleet query 'nope' (fleet --list names them)\n",
                unknown.err());
    }

    @Test
    void aUsersOwnFleetQueryRunsBesideTheShippedOnes() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("my-queries"));
        Files.writeString(mine.resolve("waits_per_trace.sql"), "-- Waits per trace.\n"
                + "SELECT trace_id, count(*) AS waits FROM waits GROUP BY trace_id "
                + "ORDER BY trace_id");
        Cli r = Cli.run("fleet", "waits_per_trace", "--lake", lake.toString(), "--queries",
                mine.toString(), "--format", "csv");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(3, r.out().lines().count(), r.out());
        assertTrue(Cli.run("fleet", "--list", "--queries", mine.toString()).out()
                .contains("waits_per_trace"));
    }

    @Test
    void exportFromADatabaseFilesTheTraceIngestFiles() throws Exception {
        Path db = tmp.resolve("export.duckdb");
        assertEquals(0, Cli.run("ingest", INVERSION, "--db", db.toString()).exit());
        Path other = tmp.resolve("exported");
        Cli r = Cli.run("export", "--db", db.toString(), "--lake", other.toString(), "--host",
                "ci-7", "--date", "2026-11-30");
        assertEquals(0, r.exit(), r.toString());
        String id = traceOf(INVERSION);
        try (Fleet exported = Fleet.open(other, LakeFilter.ALL);
             Fleet ingested = Fleet.open(lake, LakeFilter.ALL)) {
            for (TableDef t : LakeLayout.TABLES) {
                // the rows of both but when each was worked out and ingested
                if (t.name().equals("traces") || t.name().equals("derivations")) {
                    continue;
                }
                String sql = "SELECT * EXCLUDE (date, host) FROM " + t.name()
                        + " WHERE trace_id = '" + id + "' ORDER BY ALL";
                assertEquals(csv(ingested, sql), csv(exported, sql), t.name());
            }
        }
    }

    private static String csv(Fleet lake, String sql) throws Exception {
        StringWriter out = new StringWriter();
        lake.query(sql, ResultFormat.CSV.writer(new PrintWriter(out)));
        return out.toString();
    }

    @Test
    void aFileThatFailsCostsNoOtherAndIsNamed() throws Exception {
        Path bad = Files.writeString(tmp.resolve("not-a-trace.txt"), "hello\n");
        Path other = tmp.resolve("partly");
        Cli r = Cli.run("ingest", bad.toString(), MUNMAP, "--lake", other.toString(), "--strict");
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("ptrace-analyze: " + bad), r.err());
        assertTrue(r.out().startsWith(MUNMAP + ": trace "), r.out());
    }

    @Test
    void standardInputHasNoContentHashToBeFiledBy() {
        Cli r = Cli.run("ingest", "-", "--lake", tmp.resolve("stdin").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("no content hash"), r.err());
    }

    /**
     * kill -9 of an ingest into a lake that holds the trace already, at the moments that
     * matter: while reading (before anything is written), and while the staged folder has 1,
     * half, all but one and all of the tables' files (the last just before the rename).
     * Every trace folder a reader sees then is whole, there is never a second copy, and the
     * next ingest leaves exactly one.
     */
    @Test
    void killNineAtAnyMomentLeavesNoTraceInPartAndNoSecondCopy() throws Exception {
        Path killed = tmp.resolve("killed");
        ChildCli.Result full = ChildCli.run(tmp, "ingest", MUNMAP, "--lake", killed.toString());
        assertEquals(0, full.exit(), full.err());
        int tables = LakeLayout.TABLES.size();
        List<String> seen = new ArrayList<>();
        for (int files : new int[] {-1, 1, tables / 2, tables - 1, tables}) {
            List<Path> leftBehind = staged(killed);
            try (ChildCli child = ChildCli.start(tmp, "ingest", MUNMAP, "--lake",
                    killed.toString())) {
                int staged = files < 0 ? -1 : awaitStaged(killed, files, leftBehind, child);
                child.killNine();
                int whole = wholeTraces(killed);
                seen.add("killed with " + staged + " staged file(s): " + whole
                        + " whole trace(s)");
                assertTrue(whole <= 1, seen.toString());
            }
        }
        assertEquals(4, seen.stream().filter(s -> !s.startsWith("killed with -1 ")).count(),
                seen.toString());
        ChildCli.Result again = ChildCli.run(tmp, "ingest", MUNMAP, "--lake", killed.toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(1, wholeTraces(killed), seen.toString());
    }

    /** The folders under the lake's _staging/ now. */
    private static List<Path> staged(Path lake) throws Exception {
        Path staging = lake.resolve("_staging");
        if (!Files.isDirectory(staging)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(staging)) {
            return dirs.filter(Files::isDirectory).toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        }
    }

    /**
     * Waits until the child's staged trace folder (one not in {@code leftBehind} by earlier
     * kills) holds at least {@code files} files, polling every millisecond; the files it found
     * (the child may end first: then it fails).
     */
    private static int awaitStaged(Path lake, int files, List<Path> leftBehind, ChildCli child)
            throws Exception {
        while (child.isAlive()) {
            for (Path d : staged(lake)) {
                if (leftBehind.contains(d)) {
                    continue;
                }
                try (Stream<Path> in = Files.list(d)) {
                    int n = (int) in.count();
                    if (n >= files) {
                        return n;
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // renamed into place or removed meanwhile
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the ingest ended before " + files + " file(s) were staged: "
                + child.stderrText());
    }

    /**
     * The trace folders a reader sees, each checked whole (every table's file, each readable);
     * fails on one in part.
     */
    private static int wholeTraces(Path lake) throws Exception {
        int whole = 0;
        try (Stream<Path> days = Files.list(lake)) {
            for (Path day : days.filter(p -> p.getFileName().toString().startsWith("date="))
                    .toList()) {
                try (Stream<Path> traces = Files.find(day, 2, (p, a) -> a.isDirectory()
                        && p.getFileName().toString().startsWith("trace_id="))) {
                    for (Path t : traces.toList()) {
                        for (TableDef table : LakeLayout.TABLES) {
                            assertTrue(Files.isRegularFile(t.resolve(table.name() + ".parquet")),
                                    t + " lacks " + table.name());
                        }
                        whole++;
                    }
                }
            }
        }
        try (Fleet f = Fleet.open(lake, LakeFilter.ALL)) {
            for (TableDef table : LakeLayout.TABLES) {
                csv(f, "SELECT count(*) FROM " + table.name());
            }
        }
        return whole;
    }
}
