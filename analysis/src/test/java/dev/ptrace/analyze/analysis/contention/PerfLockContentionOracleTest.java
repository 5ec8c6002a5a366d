package dev.ptrace.analyze.analysis.contention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.PerfLockOracle;
import dev.ptrace.analyze.testing.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our figures equal perf lock contention's for the same recordings, row for row: by caller
 * each row is one callchain as perf keys it (rows with one caller name stay apart), by thread
 * one thread id, in perf's order (longest total wait first), and every column perf prints is
 * compared: contended exactly; total, max and avg wait at the precision perf printed them
 * (two decimals in the unit perf picked: half a unit of the last digit, 5 us on "12.34 ms",
 * 5 ms on "1.58 s") plus what the perf script text loses (its timestamps are microseconds
 * where perf used nanoseconds: each wait up to 1 us off, so a total by contended x 1 us, a
 * max and an average by 1 us). Rows whose totals that precision cannot tell apart may come in
 * either order.
 */
class PerfLockContentionOracleTest {

    static Stream<Path> traces() {
        return TestData.perfTracesWithOracles().stream();
    }

    /**
     * A real 1.5 s capture of the benchmark workload (176 MB of text, 7,090 lock events):
     * ours equals perf lock contention by caller and by thread on a trace of real size too.
     */
    @org.junit.jupiter.api.Test
    void benchCaptureByCallerAndByThreadEqualPerf() throws Exception {
        Path trace = TestData.benchCapture("churn-1.5s.perf.txt.gz");
        PerfLockContention.Result byCaller = run(trace, ContentionKey.CALLER);
        assertEquals(0, byCaller.beginsWithoutStack());
        compareRows(PerfLockOracle.read(TestData.oracle(trace, "caller")), byCaller.rows(),
                trace, Key.CALLER);
        byThreadEqualsPerfPerThreadId(trace);
    }

    /**
     * By caller, every trace: where every begin has a callchain, ours equals perf per type and
     * caller; where perf script printed an empty callchain, perf lock still knew the caller and
     * we count such waits as Unknown: every other figure agrees, and the waits that moved to
     * Unknown are exactly the stackless ones.
     */
    @ParameterizedTest
    @MethodSource("traces")
    void byCallerEqualsPerfButForWaitsWhoseCallchainTheTextLacks(Path trace) throws Exception {
        PerfLockContention.Result ours = run(trace, ContentionKey.CALLER);
        // which comparison applies is read off the text, not off our own result: a
        // regression that lost callchains must fail the strict comparison
        long stackless = stacklessBegins(trace);
        assertEquals(stackless, ours.beginsWithoutStack(), "begins without a callchain");
        if (stackless == 0) {
            compareRows(PerfLockOracle.read(TestData.oracle(trace, "caller")), ours.rows(),
                    trace, Key.CALLER);
        } else {
            stacklessBeginsAreTheOnlyDifference(trace, ours);
        }
    }

    /**
     * contention_begin events the text prints without a callchain: an event line not followed
     * by a frame line (a tab, a hex address, a space), counted without the reader.
     */
    private static long stacklessBegins(Path trace) throws Exception {
        long n = 0;
        boolean begin = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(trace)), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (begin && !FRAME.matcher(line).lookingAt()) {
                    n++;
                }
                begin = line.contains(" lock:contention_begin: ");
            }
        }
        return begin ? n + 1 : n;
    }

    private static final Pattern FRAME = Pattern.compile("\\s+[0-9a-f]+ ");

    /**
     * Where the text lacks callchains, waits move to Unknown: rows with one caller name are
     * summed here (which callchain a wait without one had, the text cannot say).
     */
    private static void stacklessBeginsAreTheOnlyDifference(Path trace,
            PerfLockContention.Result ours) throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        for (PerfLockOracle.Row r : PerfLockOracle.read(TestData.oracle(trace, "caller"))) {
            expected.merge(r.key() + " " + r.label(), r.contended(), Long::sum);
        }
        Map<String, Long> actual = new TreeMap<>();
        for (ContentionRow r : ours.rows()) {
            actual.merge(r.type() + " " + r.label(), r.contended(), Long::sum);
        }
        long moved = 0;
        String unknownKey = null;
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            if (e.getKey().endsWith(" " + PerfCallerRule.UNKNOWN)) {
                unknownKey = e.getKey();
                continue;
            }
            long ourCount = actual.getOrDefault(e.getKey(), 0L);
            assertTrue(ourCount <= e.getValue(), e.getKey());
            moved += e.getValue() - ourCount;
        }
        assertTrue(moved > 0);
        long perfUnknown = unknownKey == null ? 0 : expected.get(unknownKey);
        long ourUnknown = actual.entrySet().stream()
                .filter(e -> e.getKey().endsWith(" " + PerfCallerRule.UNKNOWN))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(moved, ourUnknown - perfUnknown);
        assertTrue(moved <= ours.beginsWithoutStack());
        assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(),
                actual.values().stream().mapToLong(Long::longValue).sum());
    }

    @ParameterizedTest
    @MethodSource("traces")
    void byThreadEqualsPerfPerThreadId(Path trace) throws Exception {
        compareRows(PerfLockOracle.read(TestData.oracle(trace, "thread")),
                run(trace, ContentionKey.THREAD).rows(), trace, Key.THREAD);
    }

    /**
     * perf's rows against ours in perf's order: each of perf's rows is the first of our rows
     * left with its key (type and caller, or thread id) and perf's figures; a row of ours
     * skipped on the way must have a total perf's cannot be told from at the printed
     * precision (a tie).
     */
    private static void compareRows(List<PerfLockOracle.Row> perf, List<ContentionRow> ours,
                                    Path trace, Key key) {
        assertEquals(perf.size(), ours.size(), trace + ": rows");
        List<ContentionRow> left = new ArrayList<>(ours);
        for (PerfLockOracle.Row p : perf) {
            String where = trace.getFileName() + " [" + key.ofPerf(p) + "]";
            int at = -1;
            for (int i = 0; i < left.size() && at < 0; i++) {
                if (key.ofOurs(left.get(i)).equals(key.ofPerf(p)) && agrees(p, left.get(i))) {
                    at = i;
                }
            }
            assertTrue(at >= 0, where + ": no row of ours with perf's figures " + p
                    + "; ours next: " + left.subList(0, Math.min(3, left.size())));
            for (int i = 0; i < at; i++) {
                ContentionRow skipped = left.get(i);
                assertTrue(Math.abs(skipped.totalNs() - p.total().ns()) <= totalTolerance(p)
                        + skipped.contended() * TS_RESOLUTION_NS, where
                        + ": perf's order puts it before " + skipped);
            }
            left.remove(at);
        }
    }

    /** What perf keys a row by, as its table shows it. */
    private enum Key {
        CALLER {
            @Override
            String ofPerf(PerfLockOracle.Row p) {
                return p.key() + " " + p.label();
            }

            @Override
            String ofOurs(ContentionRow r) {
                return r.type() + " " + r.label();
            }
        },
        THREAD {
            @Override
            String ofPerf(PerfLockOracle.Row p) {
                return p.key();
            }

            @Override
            String ofOurs(ContentionRow r) {
                return Long.toString(r.key());
            }
        };

        abstract String ofPerf(PerfLockOracle.Row p);

        abstract String ofOurs(ContentionRow r);
    }

    private static boolean agrees(PerfLockOracle.Row p, ContentionRow r) {
        return p.contended() == r.contended()
                && Math.abs(p.total().ns() - r.totalNs()) <= totalTolerance(p)
                && Math.abs(p.max().ns() - r.maxNs()) <= p.max().halfUnitNs() + TS_RESOLUTION_NS
                && Math.abs(p.avg().ns() - r.avgNs()) <= p.avg().halfUnitNs() + TS_RESOLUTION_NS;
    }

    private static long totalTolerance(PerfLockOracle.Row p) {
        return p.total().halfUnitNs() + p.contended() * TS_RESOLUTION_NS;
    }

    private static PerfLockContention.Result run(Path trace, ContentionKey by) throws Exception {
        try (Database db = Database.inMemory()) {
            int id = new TraceIngester(db).ingest(trace.toString(), true).traceId();
            return PerfLockContention.run(db.connection(), id,
                    PerfLockContention.Options.perfDefaults(by));
        }
    }

    private static final long TS_RESOLUTION_NS = 1000;
}
