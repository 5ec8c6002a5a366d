package dev.ptrace.analyze.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.lake.LakePlacement;
import dev.ptrace.analyze.spark.SparkLakeIngest.Filed;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.Query;
import dev.ptrace.analyze.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SparkLakeIngest files traces as {@code ingest --lake} does: the same folders, and in each
 * the same rows of every table (but when each was written), whether the lake and the files are
 * on this machine's disk or on another file system.
 */
class SparkLakeIngestTest {
    private static final LakePlacement CI_3 = new LakePlacement(LocalDate.parse("2026-11-05"),
            "ci-3");
    private static final List<String> TRACES = List.of("perf-munmap.txt.gz",
            "tracecmd-inversion.txt.gz");

    @TempDir
    static Path byLakeIngest;
    private static SparkSession spark;
    private static JavaSparkContext sc;

    @BeforeAll
    static void fileTracesAsIngestDoesAndStartSpark() {
        TestLakes.file(byLakeIngest, CI_3, TRACES.toArray(String[]::new));
        spark = SparkTests.session(SparkLakeIngestTest.class);
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void theJobFilesWhatLakeIngestFiles(@TempDir Path lake) throws Exception {
        List<Filed> filed = SparkLakeIngest.run(sc, files(""), lake.toString(), CI_3, false);
        filed.forEach(f -> assertNull(f.failure(), f.file()));
        assertEquals(List.of("2026-11-05/ci-3", "2026-11-05/ci-3"),
                filed.stream().map(f -> f.date() + "/" + f.host()).toList());
        sameLake(byLakeIngest, lake, List.of());
    }

    /**
     * Files on another file system than this machine's (as on HDFS or S3) are read from a
     * local copy and filed under their own name, dated by their modification time as that file
     * system keeps it (to the millisecond); the lake there gets its traces through _staging/.
     * Filed twice, a capture is there once.
     */
    @Test
    void aLakeOnAnotherFileSystemGetsTheSameTracesOnce(@TempDir Path lake) throws Exception {
        String uri = OtherDiskFileSystem.SCHEME + "://" + lake;
        List<String> files = files(OtherDiskFileSystem.SCHEME + "://");
        SparkLakeIngest.run(sc, files, uri, CI_3, false)
                .forEach(f -> assertNull(f.failure(), f.file()));
        List<Filed> again = SparkLakeIngest.run(sc, files, uri, CI_3, false);
        again.forEach(f -> assertTrue(f.replaced(), f.file()));
        sameLake(byLakeIngest, lake, List.of("source", "captured_at"));
        try (Database db = Database.inMemory()) {
            assertEquals(files, Query.list(db.connection(), "SELECT source FROM read_parquet('"
                    + lake + "/date=*/host=*/trace_id=*/traces.parquet') ORDER BY source",
                    rs -> rs.getString(1)));
            assertEquals(List.of(0L, 0L), Query.list(db.connection(), "SELECT date_diff("
                    + "'millisecond', a.captured_at, b.captured_at) FROM read_parquet('"
                    + byLakeIngest + "/*/*/*/traces.parquet', filename = true) a JOIN "
                    + "read_parquet('" + lake + "/*/*/*/traces.parquet', filename = true) b "
                    + "ON a.content_hash = b.content_hash", rs -> rs.getLong(1)));
        }
        try (Stream<Path> staging = Files.list(lake.resolve("_staging"))) {
            assertEquals(0, staging.count(), "staged traces left behind");
        }
    }

    @Test
    void aFileThatIsNoTraceFailsAlone(@TempDir Path lake, @TempDir Path files)
            throws IOException {
        Path notATrace = files.resolve("notes.txt");
        Files.writeString(notATrace, "shopping list\n", StandardCharsets.UTF_8);
        List<Filed> filed = SparkLakeIngest.run(sc, List.of(notATrace.toString(),
                TestData.trace(TRACES.get(0)).toString()), lake.toString(), CI_3, false);
        assertNotNull(filed.get(0).failure());
        assertNull(filed.get(1).failure(), filed.get(1).file());
        assertEquals(1, Files.list(lake.resolve("date=2026-11-05/host=ci-3")).count());
    }

    private static List<String> files(String prefix) {
        return TRACES.stream().map(t -> prefix + TestData.trace(t)).toList();
    }

    /**
     * The same trace folders, and in each file the same rows, but for when it was written
     * (traces.ingested_at, derivations.derived_at) and the columns {@code ignored}.
     */
    private static void sameLake(Path expected, Path actual, List<String> ignored)
            throws IOException, SQLException {
        List<String> files = relativeFiles(expected);
        assertEquals(files, relativeFiles(actual));
        String columns = Stream.concat(Stream.of("ingested_at", "derived_at"), ignored.stream())
                .map(c -> "'" + c + "'").collect(Collectors.joining(", ", "[", "]"));
        try (Database db = Database.inMemory()) {
            for (String f : files) {
                String a = "SELECT COLUMNS(lambda c: NOT list_contains(" + columns + ", c)) FROM '"
                        + expected.resolve(f) + "'";
                String b = a.replace(expected.resolve(f).toString(), actual.resolve(f).toString());
                long differ = Query.first(db.connection(), "SELECT count(*) FROM ((" + a
                        + " EXCEPT ALL " + b + ") UNION ALL (" + b + " EXCEPT ALL " + a + "))",
                        rs -> rs.getLong(1));
                assertEquals(0, differ, f + ": rows of one lake only");
            }
        }
    }

    private static List<String> relativeFiles(Path lake) throws IOException {
        try (Stream<Path> all = Files.walk(lake)) {
            return all.filter(Files::isRegularFile).map(p -> lake.relativize(p).toString())
                    .filter(p -> p.startsWith("date=")).sorted().toList();
        }
    }
}
