package dev.ptrace.analyze.read.perfdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.read.symbols.SymbolSources;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.IngestResult;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A perf.data read natively gives the tables its {@code perf script --ns} text gives: every
 * event with its time to the ns, thread, CPU, decoded fields and whole callchain, in perf
 * script's order. The text was printed by perf itself (scripts/record-perfdata.sh), naming
 * kernel frames from the committed kallsyms excerpt and user frames from symfs/.
 */
public class PerfDataMatchesPerfScriptTest {
    static final String[] EVENT_TABLES = {"sched_switch", "sched_wakeup", "lock_contention",
        "mmap_lock", "syscalls", "samples", "other_events"};
    private static final String ROWS_NOT_IN_OTHER = "/sql/rows_not_in_other_trace.sql";

    static Path dir() {
        return TestData.dir().resolve("perfdata");
    }

    /** Where the test captures' addresses are named from: nothing of this machine. */
    static SymbolSources sources() {
        return new SymbolSources(dir().resolve("kallsyms"), dir().resolve("symfs"),
                dir().resolve("no-proc"), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inversion.perf.data.gz", "madvise.pipe.perf.data.gz",
        "churn.zstd.perf.data", "munmap.zstd-pipe.perf.data"})
    void everyEventTableEqualsPerfScriptOfTheSameFileIncludingOrderAndCallchains(String capture)
            throws SQLException {
        String name = capture.substring(0, capture.indexOf(".perf.data"));
        try (Database db = Database.inMemory()) {
            TraceIngester ingester = new TraceIngester(db).symbols(sources());
            IngestResult binary = ingester.ingest(dir().resolve(capture).toString(), true);
            IngestResult text = ingester.ingest(dir().resolve(name + ".perf-script.txt.gz")
                    .toString(), true);
            assertEquals("perf.data", binary.format());
            assertTrue(binary.events() > 50, capture + ": " + binary.events() + " events");
            assertEquals(text.events(), binary.events(), "events");
            assertEquals(text.stacks(), binary.stacks(), "distinct stacks");
            assertSameRows(db, binary.traceId(), text.traceId());
            assertEquals(List.of(), differentOrder(db, binary.traceId(), text.traceId()),
                    "events in perf script's order");
        }
    }

    @Test
    void aZstdCompressedCaptureGivesTheTablesOfItsCopyDecompressedByPerfInject()
            throws SQLException {
        try (Database db = Database.inMemory()) {
            TraceIngester ingester = new TraceIngester(db).symbols(sources());
            int zstd = ingester.ingest(dir().resolve("churn.zstd.perf.data").toString(), true)
                    .traceId();
            int plain = ingester.ingest(dir().resolve("churn.perf.data.gz").toString(), true)
                    .traceId();
            assertSameRows(db, zstd, plain);
            assertEquals(List.of(), differentOrder(db, zstd, plain));
            Map<String, String> z = metadata(db, zstd);
            assertTrue(z.get("compressed").startsWith("Zstd"), z.toString());
            assertTrue(metadata(db, plain).get("records").contains("SAMPLE "));
        }
    }

    /** Every event table of trace {@code a} holds the rows of trace {@code b}'s, and no more. */
    public static void assertSameRows(Database db, int a, int b) throws SQLException {
        for (String table : EVENT_TABLES) {
            assertEquals(List.of(), rowsNotIn(db, table, a, b), table + ": rows only in "
                    + "trace " + a);
            assertEquals(List.of(), rowsNotIn(db, table, b, a), table + ": rows only in "
                    + "trace " + b);
        }
    }

    private static List<String> rowsNotIn(Database db, String table, int a, int b)
            throws SQLException {
        String sql = TextResource.fill(ROWS_NOT_IN_OTHER, Map.of("table", table));
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setInt(1, a);
            ps.setInt(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && rows.size() < 3) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    /** Positions where the two traces' events differ: (seq, ts, tid, event) of trace a. */
    public static List<String> differentOrder(Database db, int a, int b) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = db.connection().prepareStatement(
                "SELECT seq, ts, tid, event FROM events WHERE trace_id = ? EXCEPT "
                        + "SELECT seq, ts, tid, event FROM events WHERE trace_id = ? LIMIT 3")) {
            ps.setInt(1, a);
            ps.setInt(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getInt(3) + " "
                            + rs.getString(4));
                }
            }
        }
        return out;
    }

    public static Map<String, String> metadata(Database db, int trace) throws SQLException {
        Map<String, String> out = new java.util.HashMap<>();
        try (PreparedStatement ps = db.connection().prepareStatement(
                "SELECT key, value FROM trace_metadata WHERE trace_id = ?")) {
            ps.setInt(1, trace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }
}
