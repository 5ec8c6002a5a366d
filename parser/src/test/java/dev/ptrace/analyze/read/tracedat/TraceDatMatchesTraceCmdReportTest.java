package dev.ptrace.analyze.read.tracedat;

import static dev.ptrace.analyze.read.perfdata.PerfDataMatchesPerfScriptTest.assertSameRows;
import static dev.ptrace.analyze.read.perfdata.PerfDataMatchesPerfScriptTest.differentOrder;
import static dev.ptrace.analyze.read.perfdata.PerfDataMatchesPerfScriptTest.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.read.TraceFacts;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.IngestResult;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A trace.dat read natively gives the tables its {@code trace-cmd report -t} text gives: every
 * event with its time to the ns, thread, CPU, decoded fields and kernel stack, in report's
 * order, and the events report says were dropped. The text was printed by trace-cmd itself
 * (scripts/record-tracedat.sh); no test needs trace-cmd installed.
 */
class TraceDatMatchesTraceCmdReportTest {
    static Path dir() {
        return TestData.dir().resolve("tracedat");
    }

    @ParameterizedTest
    @CsvSource({"inversion.v7-zstd.dat, inversion", "inversion.v6.dat.gz, inversion",
        "madvise-stacks.v7.dat.gz, madvise-stacks", "lost.v7-zstd.dat, lost"})
    void everyEventTableEqualsTraceCmdReportOfTheSameFileIncludingOrderAndStacks(
            String capture, String report) throws SQLException {
        try (Database db = Database.inMemory()) {
            TraceIngester ingester = new TraceIngester(db);
            IngestResult binary = ingester.ingest(dir().resolve(capture).toString(), true);
            IngestResult text = ingester.ingest(dir().resolve(report + ".report.txt.gz")
                    .toString(), true);
            assertEquals("trace.dat", binary.format());
            assertTrue(binary.events() > 150, capture + ": " + binary.events() + " events");
            assertEquals(text.events(), binary.events(), "events");
            assertEquals(text.stacks(), binary.stacks(), "distinct stacks");
            assertSameRows(db, binary.traceId(), text.traceId());
            assertEquals(List.of(), differentOrder(db, binary.traceId(), text.traceId()),
                    "events in trace-cmd report's order");
            Map<String, String> b = metadata(db, binary.traceId());
            Map<String, String> t = metadata(db, text.traceId());
            assertEquals(t.get(TraceFacts.LOST_EVENTS), b.get(TraceFacts.LOST_EVENTS));
            assertEquals(t.get(TraceFacts.NRCPUS), b.get(TraceFacts.NRCPUS));
            assertEquals(t.get(TraceFacts.TIMESTAMP_DIGITS), b.get(TraceFacts.TIMESTAMP_DIGITS));
        }
    }

    @Test
    void theStacksCaptureHasAStackOnEveryEventAndTheLossyOneCountsItsDroppedEvents()
            throws SQLException {
        try (Database db = Database.inMemory()) {
            TraceIngester ingester = new TraceIngester(db);
            IngestResult stacks = ingester.ingest(dir().resolve("madvise-stacks.v7.dat.gz")
                    .toString(), true);
            assertTrue(stacks.stacks() > 20, stacks.toString());
            IngestResult lost = ingester.ingest(dir().resolve("lost.v7-zstd.dat").toString(),
                    true);
            assertTrue(Long.parseLong(metadata(db, lost.traceId()).get(TraceFacts.LOST_EVENTS))
                    > 100);
        }
    }
}
