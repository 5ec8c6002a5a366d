package dev.ptrace.analyze.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.read.InputException;
import dev.ptrace.analyze.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceIngesterTest {
    @TempDir
    Path tmp;

    @Test
    void headerMetadataFillsTheTracesRow() throws SQLException {
        try (Database db = Database.inMemory()) {
            new TraceIngester(db).ingest(TestData.trace("perf-munmap-with-header.txt.gz")
                    .toString(), true);
            try (Statement st = db.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT os_release, nrcpus, hostname, cmdline, "
                         + "ts_precision_ns, first_ts, last_ts FROM traces")) {
                rs.next();
                assertEquals("6.18.44-fc-v769", rs.getString(1));
                assertEquals(2, rs.getInt(2));
                assertEquals("vm", rs.getString(3));
                assertTrue(rs.getString(4).startsWith("/usr/bin/perf record"));
                assertEquals(1000, rs.getLong(5));
                // the header's own "time of first sample : 9973.151271"
                assertEquals(9_973_151_271_000L, rs.getLong(6));
                assertEquals(9_975_788_533_000L, rs.getLong(7));
            }
        }
    }

    @Test
    void severalTracesLiveInOneDatabaseApart() throws SQLException {
        Path file = tmp.resolve("two.duckdb");
        try (Database db = Database.open(file)) {
            TraceIngester ingester = new TraceIngester(db);
            assertEquals(1, ingester.ingest(TestData.trace("perf-munmap.txt.gz").toString(),
                    true).traceId());
            assertEquals(2, ingester.ingest(TestData.trace("perf-inversion.txt.gz").toString(),
                    true).traceId());
        }
        try (Database db = Database.openExisting(file)) {
            Map<String, Long> perTrace = query(db, "SELECT trace_id::VARCHAR || ':' || source, "
                    + "events FROM traces ORDER BY trace_id");
            assertEquals(2, perTrace.size());
            assertEquals(query(db, "SELECT trace_id::VARCHAR, count(*) FROM events GROUP BY 1 "
                            + "ORDER BY 1").values().stream().toList(),
                    perTrace.values().stream().toList());
            // every event's stack is a stack of its own trace
            assertEquals(0L, single(db, "SELECT count(*) FROM events e WHERE stack_id IS NOT NULL "
                    + "AND NOT EXISTS (SELECT 1 FROM stack_frames f WHERE f.trace_id = e.trace_id "
                    + "AND f.stack_id = e.stack_id)"));
        }
    }

    @Test
    void failedStrictIngestOfACutGzipLeavesTheDatabaseAsItWas() throws IOException, SQLException {
        byte[] gz = Files.readAllBytes(TestData.trace("perf-inversion.txt.gz"));
        Path cut = tmp.resolve("cut.txt.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length * 3 / 4));
        try (Database db = Database.inMemory()) {
            TraceIngester ingester = new TraceIngester(db);
            ingester.ingest(TestData.trace("perf-munmap.txt.gz").toString(), true);
            Map<String, Long> before = rowCounts(db);
            InputException e = assertThrows(InputException.class,
                    () -> ingester.ingest(cut.toString(), true));
            assertTrue(e.where().startsWith(cut + ":"), e.where());
            assertEquals(before, rowCounts(db));
            // and the next ingest still works, with the next id
            assertEquals(2, ingester.ingest(TestData.trace("perf-madvise.txt.gz").toString(),
                    true).traceId());
        }
    }

    @Test
    void strictIngestOfAMalformedLineChangesNothing() throws IOException, SQLException {
        Path bad = tmp.resolve("bad.txt");
        Files.writeString(bad, "wl 1 [000] 1.000000: lock:contention_end: 0xffff (ret=0)\n"
                + "wl 1 [000] 1.000000 lock:contention_end: 0xffff (ret=0)\n", StandardCharsets.UTF_8);
        try (Database db = Database.inMemory()) {
            Map<String, Long> before = rowCounts(db);
            InputException e = assertThrows(InputException.class,
                    () -> new TraceIngester(db).ingest(bad.toString(), true));
            assertEquals(2, e.line());
            assertEquals(before, rowCounts(db));
        }
    }

    @Test
    void lenientIngestCountsSkippedLinesInStatsAndProblems() throws IOException, SQLException {
        Path bad = tmp.resolve("bad.txt");
        Files.writeString(bad, "wl 1 [000] 1.000000: lock:contention_end: 0xffff (ret=0)\n"
                + "wl 1 [000] 1.000000 lock:contention_end: 0xffff (ret=0)\n", StandardCharsets.UTF_8);
        try (Database db = Database.inMemory()) {
            IngestResult r = new TraceIngester(db).ingest(bad.toString(), false);
            assertEquals(1, r.events());
            assertEquals(1, r.skippedLines());
            assertEquals(1L, single(db, "SELECT value FROM stats "
                    + "WHERE name = 'skipped.malformed_event_line'"));
            assertEquals(2L, single(db, "SELECT line FROM ingest_problems"));
        }
    }

    @Test
    void newDatabaseFileIsRemovedWhenItsFirstIngestFails() throws IOException {
        Path file = tmp.resolve("new.duckdb");
        Path empty = tmp.resolve("empty.txt");
        Files.writeString(empty, "");
        Database db = Database.open(file);
        assertThrows(InputException.class, () -> new TraceIngester(db).ingest(empty.toString(),
                false));
        db.closeAndDiscardIfNew();
        assertTrue(Files.notExists(file));
    }

    static Map<String, Long> rowCounts(Database db) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TableDef t : Tables.all()) {
            counts.put(t.name(), exists(db, t.name()) ? single(db, "SELECT count(*) FROM "
                    + t.name()) : -1L);
        }
        return counts;
    }

    private static boolean exists(Database db, String table) throws SQLException {
        return single(db, "SELECT count(*) FROM duckdb_tables() WHERE table_name = '" + table
                + "'") > 0;
    }

    private static long single(Database db, String sql) throws SQLException {
        try (Statement st = db.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> query(Database db, String sql) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement st = db.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
