package dev.ptrace.analyze.read.perfdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.read.ViaTool;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.IngestResult;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * --via-perf-script: a perf.data read through the installed perf's text gives the tables the
 * native reader gives (perf script --ns, so that the times are the file's nanoseconds; the
 * test's kallsyms and symfs passed on, perf's build-id cache out of the way as for the native
 * reader).
 */
class PerfDataViaPerfScriptTest {
    @Test
    void perfScriptsTextOfACaptureGivesTheNativeReadersTables() throws SQLException {
        TestData.tool("perf");
        // gzipped: the tool gets a decompressed copy (perf script reads files)
        String capture = PerfDataMatchesPerfScriptTest.dir().resolve("inversion.perf.data.gz")
                .toString();
        try (Database db = Database.inMemory()) {
            IngestResult binary = new TraceIngester(db)
                    .symbols(PerfDataMatchesPerfScriptTest.sources()).ingest(capture, true);
            IngestResult text = new TraceIngester(db)
                    .symbols(PerfDataMatchesPerfScriptTest.sources())
                    .via(List.of(ViaTool.PERF_SCRIPT)).ingest(capture, true);
            assertEquals("perf.data", binary.format());
            assertEquals("perf script", text.format());
            assertEquals(binary.events(), text.events(), "events");
            assertEquals(binary.stacks(), text.stacks(), "distinct stacks");
            PerfDataMatchesPerfScriptTest.assertSameRows(db, binary.traceId(), text.traceId());
        }
    }
}
