package dev.ptrace.analyze.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.store.row.IngestProblemRow;
import dev.ptrace.analyze.store.row.SchemaInfoRow;
import dev.ptrace.analyze.store.row.StatRow;
import dev.ptrace.analyze.store.row.TraceMetadataRow;
import dev.ptrace.analyze.store.row.TraceRow;
import dev.ptrace.analyze.testing.TestData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableRowsTest {
    record StatWithDriftedName(int traceId, String counter, long value, String description) {
    }

    record StatWithWrongType(int traceId, String name, String value, String description) {
    }

    record StatMissingAColumn(int traceId, String name, long value) {
    }

    record StatNullable(Integer traceId, String name, Long value, String description) {
    }

    @Test
    void aRecordWhoseNameDriftsFromItsColumnIsRefusedWhenMade() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TableRows.of(Tables.STATS, StatWithDriftedName.class));
        assertTrue(e.getMessage().contains("component counter stands where column name is"),
                e.getMessage());
    }

    @Test
    void aRecordWhoseTypeCannotHoldItsColumnIsRefusedWhenMade() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TableRows.of(Tables.STATS, StatWithWrongType.class));
        assertTrue(e.getMessage().contains("value is a String, column value a BIGINT"),
                e.getMessage());
    }

    @Test
    void aRecordWithoutEveryColumnIsRefusedWhenMade() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TableRows.of(Tables.STATS, StatMissingAColumn.class));
        assertTrue(e.getMessage().contains("3 components for 4 columns"), e.getMessage());
    }

    @Test
    void columnNamesBecomeCamelCase() {
        assertEquals("savedNs", TableRows.javaName("saved_ns"));
        assertEquals("tsPrecisionNs", TableRows.javaName("ts_precision_ns"));
        assertEquals("rank", TableRows.javaName("rank"));
    }

    @Test
    void everyRowOfTheStoreMatchesItsTable() {
        // class initialisation makes each mapping, which checks it against tables.tsv
        List.of(TraceRow.ROWS, TraceMetadataRow.ROWS, StatRow.ROWS, IngestProblemRow.ROWS,
                SchemaInfoRow.ROWS).forEach(r -> assertTrue(r.table().columns().size() > 1));
    }

    @Test
    void rowsWrittenAreReadBackEqualNullsIncluded() throws SQLException {
        Instant at = Instant.parse("2026-12-06T19:00:00.123456Z");
        TraceRow row = new TraceRow(7, "x.txt", "perf script", at, "dev", null, "vm", 2, null,
                10L, 20L, 1000L, 5, 4, 1, 0, null);
        try (Database db = Database.inMemory();
             Statement st = db.connection().createStatement()) {
            Schema.ensure(db.connection());
            TraceRow.ROWS.insert(db.connection(), row);
            try (ResultSet rs = st.executeQuery("SELECT * FROM traces")) {
                assertEquals(List.of(row), TraceRow.ROWS.read(rs));
            }
        }
    }

    @Test
    void aNullIntoAPrimitiveComponentIsAnErrorNotAZero() throws SQLException {
        try (Database db = Database.inMemory();
             Statement st = db.connection().createStatement()) {
            Schema.ensure(db.connection());
            TableRows<StatNullable> nullable = TableRows.of(Tables.STATS, StatNullable.class);
            nullable.insert(db.connection(), new StatNullable(1, "lines", null, "d"));
            try (ResultSet rs = st.executeQuery("SELECT * FROM stats")) {
                StoreException e = assertThrows(StoreException.class,
                        () -> StatRow.ROWS.read(rs));
                assertTrue(e.getMessage().contains("value is NULL"), e.getMessage());
            }
        }
    }

    @Test
    void aCounterStatsTsvDoesNotDescribeIsRefusedBeforeAnythingIsWritten() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StatCounters.rows(1, Map.of("no_such_counter", 1L)));
        assertEquals("counter no_such_counter has no description in stats.tsv", e.getMessage());
    }

    @Test
    void statsOfARealIngestCarryTheirDescriptionsFromStatsTsv() throws SQLException {
        try (Database db = Database.inMemory();
             Statement st = db.connection().createStatement()) {
            new TraceIngester(db).ingest(TestData.trace("perf-inversion.txt.gz").toString(),
                    true);
            try (ResultSet rs = st.executeQuery("SELECT * FROM stats ORDER BY name")) {
                List<StatRow> stats = StatRow.ROWS.read(rs);
                assertTrue(stats.size() >= 3, stats.toString());
                for (StatRow s : stats) {
                    assertEquals(StatCounters.description(s.name()), s.description());
                }
            }
        }
    }
}
