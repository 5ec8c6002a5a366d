package dev.ptrace.analyze.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.read.perfdata.PerfDataMatchesPerfScriptTest;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.IngestResult;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * --via-trace-cmd: a trace.dat read through the installed trace-cmd gives the tables of the
 * trace-cmd report -t text recorded beside it (scripts/record-tracedat.sh).
 */
class ViaTraceCmdTest {
    @Test
    void traceCmdsTextOfATraceDatGivesTheTablesOfItsRecordedReport() throws SQLException {
        TestData.tool("trace-cmd");
        Path dir = TestData.dir().resolve("tracedat");
        Path capture = dir.resolve("inversion.v6.dat.gz");
        TestData.require(Files.exists(capture), "no " + capture);
        try (Database db = Database.inMemory()) {
            IngestResult via = new TraceIngester(db).via(List.of(ViaTool.PERF_SCRIPT,
                    ViaTool.TRACE_CMD)).ingest(capture.toString(), true);
            IngestResult text = new TraceIngester(db).ingest(dir.resolve(
                    "inversion.report.txt.gz").toString(), true);
            assertEquals("trace-cmd report", via.format());
            assertEquals(text.events(), via.events(), "events");
            PerfDataMatchesPerfScriptTest.assertSameRows(db, via.traceId(), text.traceId());
        }
    }
}
