package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.PerfLockOracle;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Figures docs/findings.md states, against what perf printed for the same recordings (the
 * .oracle files), not against the tool's own output.
 */
class FindingsDocFiguresTest {
    private static final Path DOC = TestData.dir().resolveSibling("docs").resolve("findings.md");
    /** A row of the table of real programs: recording, then its lock waiting in ms. */
    private static final Pattern ROW = Pattern.compile("^\\| (perf-real-[\\w-]+) \\| ([\\d.]+) ms \\|");
    private static final long TS_RESOLUTION_NS = 1000;

    /*
     * Each recording's lock waiting is the sum of perf lock contention's total wait over its
     * rows: the doc prints two decimals of a ms (5 us either way), perf each row's total to
     * half a unit of its last digit, and the perf script text the tool read has microsecond
     * timestamps (1 us a wait).
     */
    @Test
    void theRealProgramsLockWaitingIsWhatPerfLockContentionMeasured() throws Exception {
        List<String> rows = Files.readAllLines(DOC).stream()
                .filter(l -> ROW.matcher(l).find()).toList();
        assertEquals(9, rows.size(), "the table's recordings");
        for (String line : rows) {
            Matcher m = ROW.matcher(line);
            assertTrue(m.find());
            long doc = Math.round(Double.parseDouble(m.group(2)) * 1e6);
            Path trace = TestData.dir().resolve("captures").resolve(m.group(1) + ".txt.gz");
            long perf = 0;
            long tolerance = 5_000;
            for (PerfLockOracle.Row r : PerfLockOracle.read(TestData.oracle(trace, "caller"))) {
                perf += r.total().ns();
                tolerance += r.total().halfUnitNs() + r.contended() * TS_RESOLUTION_NS;
            }
            assertTrue(Math.abs(doc - perf) <= tolerance, m.group(1) + ": the doc says "
                    + doc + " ns, perf " + perf + " ns +- " + tolerance);
        }
    }
}
