package dev.ptrace.analyze.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ptrace.analyze.fleet.FleetQueries;
import dev.ptrace.analyze.fleet.FleetQuery;
import dev.ptrace.analyze.lake.LakeCompactor;
import dev.ptrace.analyze.lake.LakeFilter;
import dev.ptrace.analyze.lake.LakePlacement;
import dev.ptrace.analyze.lake.LakeViews;
import dev.ptrace.analyze.store.Database;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fleet question returns the same rows, in the same order, on DuckDB (LakeViews, as
 * {@code fleet} runs it) and on Spark SQL (SparkFleet), over a lake of the testdata traces
 * filed on three days and two hosts, and each engine keeps the same traces of one host's day.
 * Values are
 * compared as what they mean: integers exactly whatever their width (DuckDB sums to
 * HUGEINT, Spark to BIGINT), doubles to a relative 1e-9 (the engines add in other orders),
 * days and times as ISO text.
 */
class FleetQueriesAgreeOnDuckDbAndSparkTest {
    private static final LakeFilter ONE_HOST_ONE_DAY = new LakeFilter(
            LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-02"), "ci-1", null);

    @TempDir
    static Path lake;
    @TempDir
    static Path compacted;
    private static SparkSession spark;

    @BeforeAll
    static void fileTracesAndStartSpark() {
        TestLakes.file(lake, "2026-11-01", "ci-1",
                "perf-churn-threshold128k.txt.gz", "perf-munmap.txt.gz",
                "bpftrace-contention.txt.gz");
        TestLakes.file(lake, "2026-11-02", "ci-1",
                "perf-churn-dynamic.txt.gz", "perf-inversion.txt.gz");
        // not ftrace-madvise-stacks: its frames have no address, and the contention table
        // cannot be worked out of it (PerfCallerRule.key), so it cannot be filed
        TestLakes.file(lake, "2026-11-02", "ci-2", "ftrace-inversion.txt.gz");
        TestLakes.file(lake, "2026-11-03", "ci-2", "tracecmd-inversion.txt.gz");
        TestLakes.file(lake, LakePlacement.FROM_CAPTURE, "perf-munmap-with-header.txt.gz");
        TestLakes.copy(lake, compacted);
        LakeCompactor.compact(compacted, LakeFilter.ALL);
        spark = SparkTests.session(FleetQueriesAgreeOnDuckDbAndSparkTest.class);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @TestFactory
    Stream<DynamicTest> everyQueryGivesTheSameRowsOnBothEngines() {
        SparkFleet fleet = SparkFleet.open(spark, lake.toString(), LakeFilter.ALL);
        return FleetQueries.shipped().all().stream().map(q -> DynamicTest.dynamicTest(q.name(),
                () -> {
                    List<List<Object>> duck = duckDb(q, LakeFilter.ALL);
                    assertTrue(duck.size() > 2, q.name() + ": too few rows to compare");
                    sameRows(q.name(), duck, spark(fleet.query(q)));
                }));
    }

    /** Spark over the bundles of a compacted copy answers as DuckDB over the loose traces. */
    @TestFactory
    Stream<DynamicTest> everyQueryGivesTheSameRowsOnACompactedLake() {
        SparkFleet fleet = SparkFleet.open(spark, compacted.toString(), LakeFilter.ALL);
        return FleetQueries.shipped().all().stream().map(q -> DynamicTest.dynamicTest(q.name(),
                () -> sameRows(q.name(), duckDb(q, LakeFilter.ALL), spark(fleet.query(q)))));
    }

    /**
     * The filter is the views' on both engines, the same for every query: one query that
     * shows each trace's day and host proves that both keep the same traces.
     */
    @Test
    void bothEnginesKeepTheSameTracesOfOneHostsDay() throws SQLException {
        FleetQuery traces = FleetQueries.shipped().named("traces");
        List<List<Object>> duck = duckDb(traces, ONE_HOST_ONE_DAY);
        assertEquals(2, duck.size(), "one row: ci-1 on 2026-11-02");
        sameRows("traces", duck, spark(SparkFleet.open(spark, lake.toString(),
                ONE_HOST_ONE_DAY).query(traces)));
    }

    private static List<List<Object>> duckDb(FleetQuery q, LakeFilter filter)
            throws SQLException {
        try (Database db = Database.inMemory()) {
            LakeViews.define(db.connection(), lake, filter, q.sql());
            try (Statement st = db.connection().createStatement();
                 ResultSet rs = st.executeQuery(q.sql())) {
                List<List<Object>> rows = new ArrayList<>();
                List<Object> names = new ArrayList<>();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    names.add(rs.getMetaData().getColumnLabel(c));
                }
                rows.add(names);
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= names.size(); c++) {
                        row.add(normal(rs.getObject(c)));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private static List<List<Object>> spark(Dataset<Row> result) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of((Object[]) result.columns()));
        for (Row r : result.collectAsList()) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < r.size(); c++) {
                row.add(normal(r.get(c)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** A value as what it means: integers as BigInteger, other numbers as double, else text. */
    private static Object normal(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof BigInteger) {
            return new BigInteger(v.toString());
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().scale() <= 0 ? d.toBigIntegerExact() : d.doubleValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        return v.toString();
    }

    /** The rows equal in order, a double to a relative 1e-9; the first difference named. */
    private static void sameRows(String query, List<List<Object>> duck,
                                 List<List<Object>> onSpark) {
        assertEquals(duck.get(0), onSpark.get(0), query + ": columns");
        for (int i = 1; i < Math.min(duck.size(), onSpark.size()); i++) {
            List<Object> a = duck.get(i);
            List<Object> b = onSpark.get(i);
            for (int c = 0; c < a.size(); c++) {
                if (!same(a.get(c), b.get(c))) {
                    fail(query + " row " + i + " column " + duck.get(0).get(c) + ":\n  DuckDB "
                            + a + "\n  Spark  " + b);
                }
            }
        }
        assertEquals(duck.size(), onSpark.size(), query + ": rows");
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x.equals(y) || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
        }
        return a == null ? b == null : a.equals(b);
    }
}
