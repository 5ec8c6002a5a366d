package dev.ptrace.analyze.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.contention.ContentionRow;
import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.testing.PerfLockOracle;
import dev.ptrace.analyze.testing.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The report model against perf's output: the convoy (docs/design.md scenario 4), and a trace
 * without chains.
 */
class TraceReportTest {
    private static final Path TRACE = TestData.trace("perf-inversion.txt.gz");

    @Test
    void theReportOfTheConvoyHasPerfsFiguresAndItsInversion() throws Exception {
        TraceReport r;
        try (TraceAnalysis a = TraceAnalysis.ofFiles(TRACE)) {
            r = a.report(a.traceIds().get(0));
        }
        assertEquals(lines(TRACE), r.overview().lines(), "lines as the file has them");
        // perf lock contention's own first row (perf-inversion.perf-lock-caller.oracle)
        List<String> oracle = Files.readAllLines(TestData.oracle(TRACE, "caller"));
        String[] first = oracle.get(2).trim().split("\\s+");
        ContentionRow top = r.waits().rows().get(0);
        assertEquals(Long.parseLong(first[0]), top.contended());
        assertEquals(first[7], top.type());
        assertEquals(first[8], top.label());
        assertEquals(Math.round(Double.parseDouble(first[1]) * 100),
                Math.round(top.totalNs() / 10_000.0), "total wait in ms with 2 decimals");
        // the scenario: the nice-19 reader (prio 139) at the root of the inversion
        assertFalse(r.inversions().isEmpty());
        assertEquals(139, r.inversions().get(0).chain().prio());
        assertEquals(r.chains().size(), r.chains().stream().distinct().count());
    }

    private static long lines(Path gz) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            return in.lines().count();
        }
    }

    /**
     * perf bench sched messaging (captures/perf-real-messaging): spinlocks only, no release
     * events, so no wait has a known holder and no chain forms; the report still says who
     * held, per lock, and that it is unknown, for all of the waiting perf counts.
     */
    @Test
    void aTraceWithoutChainsStillSaysWhoHeldAndThatItIsUnknown() throws Exception {
        Path trace = TestData.dir().resolve("captures/perf-real-messaging.txt.gz");
        TraceReport r;
        try (TraceAnalysis a = TraceAnalysis.ofFiles(trace)) {
            r = a.report(a.traceIds().get(0));
        }
        assertTrue(r.chains().isEmpty());
        long perfNs = PerfLockOracle.read(TestData.oracle(trace, "caller")).stream()
                .mapToLong(row -> row.total().ns()).sum();
        long waitNs = r.coverage().stream().mapToLong(TraceReport.Coverage::waitNs).sum();
        assertTrue(Math.abs(waitNs - perfNs) <= perfNs / 100, waitNs + " ns, perf " + perfNs);
        assertEquals("rq lock", r.coverage().get(0).lock());
        assertEquals(0, r.coverage().stream().mapToLong(TraceReport.Coverage::knownNs).sum());
    }
}
