package dev.ptrace.analyze.analysis.causes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.locks.LockAnalysis;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** hold_causes of real traces, checked against direct counts. */
class HoldCausesTest {
    private static Database ingest(String name) {
        Database db = Database.inMemory();
        new TraceIngester(db, List.of(LockAnalysis.shipped()))
                .ingest(TestData.trace(name).toString(), true);
        return db;
    }

    private static List<Object> row(Database db, String sql) throws Exception {
        try (Statement st = db.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            List<Object> out = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getObject(i));
            }
            return out;
        }
    }

    /**
     * The zeroing inside holds, two ways: hold_causes, and a direct count of the holder's
     * samples inside each hold whose stack has a page-clearing function (zeroing outranks
     * every other cause), each hold's time shared by its samples' periods.
     */
    @ParameterizedTest
    @ValueSource(strings = {"perf-churn-threshold128k.txt.gz", "perf-churn-dynamic.txt.gz"})
    void zeroingInsideHoldsEqualsADirectCountOfZeroingSamples(String trace) throws Exception {
        try (Database db = ingest(trace)) {
            List<Object> direct = row(db, "WITH s AS ("
                    + " SELECT h.hold_id, h.duration_ns, s.period, EXISTS (SELECT 1 FROM "
                    + " stack_frames f WHERE f.trace_id = s.trace_id AND f.stack_id = s.stack_id"
                    + " AND f.symbol IN ('clear_page_erms', 'clear_page_rep', 'clear_page_orig',"
                    + " 'folio_zero_user', 'clear_huge_page')) AS zeroing"
                    + " FROM holds h JOIN samples s ON s.trace_id = h.trace_id AND s.tid = h.tid"
                    + " AND s.ts >= h.begin_ts AND s.ts < h.end_ts AND s.stack_id IS NOT NULL)"
                    + " SELECT count(*) FILTER (WHERE zeroing), count(*), coalesce(sum("
                    + "duration_ns * period / total) FILTER (WHERE zeroing), 0)::DOUBLE FROM ("
                    + "SELECT *, sum(period) OVER (PARTITION BY hold_id) AS total FROM s)");
            List<Object> table = row(db, "SELECT coalesce(sum(samples) FILTER (WHERE cause = "
                    + "'zeroing'), 0), coalesce(sum(samples), 0), coalesce(sum(ns) FILTER "
                    + "(WHERE cause = 'zeroing'), 0)::BIGINT FROM hold_causes");
            assertEquals(((Number) direct.get(0)).longValue(), ((Number) table.get(0)).longValue(),
                    "zeroing samples");
            assertEquals(((Number) direct.get(1)).longValue(), ((Number) table.get(1)).longValue(),
                    "samples inside holds");
            assertEquals(((Number) direct.get(2)).doubleValue(),
                    ((Number) table.get(2)).doubleValue(), 2.0, "zeroing ns");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"perf-churn-threshold128k.txt.gz", "perf-inversion.txt.gz",
            "ftrace-munmap.txt.gz", "ftrace-madvise-stacks.txt.gz"})
    void everyHoldsTimeIsGivenOutOnceAmongItsCauses(String trace) throws Exception {
        try (Database db = ingest(trace)) {
            assertEquals(0L, ((Number) row(db, "SELECT count(*) FROM holds h LEFT JOIN (SELECT "
                    + "hold_id, sum(ns) AS ns FROM hold_causes GROUP BY hold_id) c USING (hold_id) "
                    + "WHERE c.ns IS NULL OR abs(c.ns - h.duration_ns) > 3").get(0)).longValue());
        }
    }

    /**
     * Scenario 4: the nice-19 reader holds mmap_lock in madvise: known from the stack of its
     * acquire event in perf, from the syscall it is in in ftrace text (no stacks).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"perf-inversion.txt.gz, 16373, stack",
            "ftrace-inversion.txt.gz, 21627, syscall"})
    void inversionHolderHoldsMmapLockInMadvise(String trace, int holder, String evidence)
            throws Exception {
        try (Database db = ingest(trace)) {
            List<Object> r = row(db, "SELECT cause, evidence, sum(ns) FROM hold_causes "
                    + "WHERE tid = " + holder + " GROUP BY ALL ORDER BY 3 DESC LIMIT 1");
            assertEquals("madvise", r.get(0));
            assertEquals(evidence, r.get(1));
            assertTrue(((Number) r.get(2)).longValue() > 1_000_000_000L, r.toString());
        }
    }

    /**
     * The perf half (stacks of the acquire events) and the ftrace half (the syscall in
     * progress) of one run give the same cause totals for the workload where both have the
     * evidence: madvise and mprotect, hold for hold, within a microsecond per hold (the two
     * clocks drift by microseconds a second).
     */
    @org.junit.jupiter.api.Test
    void sameRunPerfAndFtraceHalvesGiveTheSameCauseTotals() throws Exception {
        String sql = "SELECT count(*), sum(c.ns) FROM hold_causes c JOIN threads t "
                + "ON t.trace_id = c.trace_id AND t.tid = c.tid WHERE t.pid = 2642 AND c.cause = ";
        try (Database perf = ingest("same-run-inversion.perf.txt.gz");
             Database ftrace = ingest("same-run-inversion.ftrace.txt.gz")) {
            for (String cause : List.of("'madvise'", "'mprotect'")) {
                List<Object> p = row(perf, sql + cause);
                List<Object> f = row(ftrace, sql + cause);
                long holds = ((Number) p.get(0)).longValue();
                assertTrue(holds > 100, cause + " " + p);
                assertEquals(holds, ((Number) f.get(0)).longValue(), cause);
                assertEquals(((Number) p.get(1)).doubleValue(), ((Number) f.get(1)).doubleValue(),
                        1000.0 * holds, cause);
            }
        }
    }
}
