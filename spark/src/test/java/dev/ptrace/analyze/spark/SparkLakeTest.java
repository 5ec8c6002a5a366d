package dev.ptrace.analyze.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.fleet.FleetQueries;
import dev.ptrace.analyze.lake.LakeFilter;
import dev.ptrace.analyze.lake.LakeViews;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.Query;
import dev.ptrace.analyze.store.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/** SparkLake's views: which folders they read, and what they hold where the lake has little. */
class SparkLakeTest {
    @TempDir
    static Path lake;
    private static SparkSession spark;

    @BeforeAll
    static void fileThreeTracesOnTwoDaysAndTwoHosts() {
        TestLakes.file(lake, "2026-11-01", "ci-1", "perf-munmap.txt.gz");
        TestLakes.file(lake, "2026-11-02", "ci-1", "tracecmd-inversion.txt.gz");
        TestLakes.file(lake, "2026-11-02", "ci-2", "ftrace-inversion.txt.gz");
        spark = SparkTests.session(SparkLakeTest.class);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /**
     * The filter is a condition on the folders' names, which Spark applies before it opens a
     * file: of the three traces' files it reads the one of ci-1 on 2026-11-02.
     */
    @Test
    void aQueryOfOneHostsDayReadsOnlyItsFolder() {
        SparkLake.register(spark, lake.toString(), new LakeFilter(LocalDate.parse("2026-11-02"),
                null, "ci-1", null));
        Dataset<Row> traces = spark.sql("SELECT date, host, source FROM traces");
        List<Row> rows = traces.collectAsList();
        assertEquals(1, rows.size());
        assertEquals("ci-1", rows.get(0).getString(1));
        FileSourceScanExec scan = scan(traces.queryExecution().executedPlan());
        String filters = scan.partitionFilters().mkString(", ");
        assertTrue(filters.contains("host") && filters.contains("date"), filters);
        assertEquals(1, scan.metrics().get("numFiles").get().value(), "files read");
    }

    /**
     * A lake no trace is filed in yet has every table as a view without rows, of the columns a
     * filed trace gives: a question runs on it and answers nothing.
     */
    @Test
    void aLakeWithoutTracesHasEveryTableEmpty(@TempDir Path empty) {
        SparkFleet fleet = SparkFleet.open(spark, empty.toString(), LakeFilter.ALL);
        assertEquals(LakeSchema.of(Tables.WAITS), spark.table("waits").schema());
        assertEquals(0, fleet.query(FleetQueries.shipped().named("lock_waiting")).count());
    }

    /**
     * A trace being written sits under _staging/ until it is renamed into place, and a folder
     * whose name starts with . or _ is no trace: none is read.
     */
    @Test
    void foldersOfTracesBeingWrittenAreNotRead(@TempDir Path copy) throws Exception {
        Path trace = Files.list(lake.resolve("date=2026-11-01/host=ci-1")).findFirst()
                .orElseThrow();
        TestLakes.copy(lake, copy);
        TestLakes.copy(trace, copy.resolve("_staging/1234-0"));
        TestLakes.copy(trace, copy.resolve("date=2026-11-01/host=ci-1/.trace_id=0123456789abcdef"));
        TestLakes.copy(trace, copy.resolve("date=2026-11-01/_host=ci-1/trace_id=0123456789abcdef"));
        SparkLake.register(spark, copy.toString(), LakeFilter.ALL);
        assertEquals(3, spark.table("traces").count());
    }

    /**
     * A TIMESTAMP column (traces.captured_at) shows the same wall-clock value on Spark, in a
     * session far from UTC, as on DuckDB: Parquet's timestamp without time zone, read as
     * TIMESTAMP_NTZ.
     */
    @Test
    void timestampsShowTheValueDuckDbShowsInAnyTimeZone() throws SQLException {
        String zone = spark.conf().get("spark.sql.session.timeZone");
        spark.conf().set("spark.sql.session.timeZone", "Asia/Kolkata");
        try {
            SparkLake.register(spark, lake.toString(), LakeFilter.ALL);
            List<LocalDateTime> onSpark = spark.sql("SELECT captured_at FROM traces "
                    + "ORDER BY trace_id").collectAsList().stream()
                    .map(r -> r.<LocalDateTime>getAs(0)).toList();
            try (Database db = Database.inMemory()) {
                LakeViews.define(db.connection(), lake, LakeFilter.ALL, "traces");
                assertEquals(Query.list(db.connection(), "SELECT captured_at FROM traces "
                        + "ORDER BY trace_id", rs -> rs.getObject(1, LocalDateTime.class)),
                        onSpark);
            }
        } finally {
            spark.conf().set("spark.sql.session.timeZone", zone);
        }
    }

    private static FileSourceScanExec scan(SparkPlan plan) {
        return (FileSourceScanExec) CollectionConverters.asJava(plan.collectLeaves()).stream()
                .filter(FileSourceScanExec.class::isInstance).findFirst().orElseThrow();
    }
}
