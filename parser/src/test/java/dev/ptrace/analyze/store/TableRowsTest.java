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
    /** Matches stats but is not marked: nothing checked it. */
    record StatUnmarked(int traceId, String name, long value, String description) {
    }

    @RowOf("stats")
    record StatNullable(Integer traceId, String name, Long value, String description) {
    }

    @Test
    void aRecordNotMarkedAsItsTablesRowIsRefusedWhenMade() {
        // name, order and types are checked by the build (codegen's RowWriterProcessorTest)
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TableRows.of(Tables.STATS, StatUnmarked.class, (b, r) -> { }));
        assertTrue(e.getMessage().contains("not marked @RowOf(\"stats\")"), e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> TableRows.of(Tables.TRACE_METADATA, StatNullable.class, (b, r) -> { }));
        assertTrue(e.getMessage().contains("not marked @RowOf(\"trace_metadata\")"),
                e.getMessage());
    }

    @Test
    void aTableBulkRowsWritesIsRefusedWithoutItsGeneratedWriter() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TableRows.of(Tables.STATS, StatNullable.class));
        assertTrue(e.getMessage().contains("give its generated writer"), e.getMessage());
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
                10L, 20L, 1000L, 5, 4, 1, 0, null, at, "0123456789abcdef");
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
            TableRows<StatNullable> nullable = TableRows.of(Tables.STATS,
                    StatNullable.class, StatNullableWriter::write);
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
