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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our figures equal perf lock contention's for the same recordings: the contended counts
 * exactly, total and max wait within what perf printed plus the timestamp resolution of the
 * perf script text (1 us per wait: perf used nanoseconds, the text shows microseconds).
 */
class PerfLockContentionOracleTest {

    /** Sums over rows with one name, and the largest max, with their allowed error. */
    private static final class Sum {
        long contended;
        long totalNs;
        long totalTolerance;
        long maxNs;
        long maxTolerance;
    }

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
        compare(expectedByCaller(trace), byCaller(byCaller), trace);
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
            compare(expectedByCaller(trace), byCaller(ours), trace);
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

    private static void stacklessBeginsAreTheOnlyDifference(Path trace,
            PerfLockContention.Result ours) throws Exception {
        Map<String, Sum> expected = expectedByCaller(trace);
        Map<String, Sum> actual = byCaller(ours);
        long moved = 0;
        String unknownKey = null;
        for (Map.Entry<String, Sum> e : expected.entrySet()) {
            if (e.getKey().endsWith(" " + PerfCallerRule.UNKNOWN)) {
                unknownKey = e.getKey();
                continue;
            }
            Sum a = actual.get(e.getKey());
            long ourCount = a == null ? 0 : a.contended;
            assertTrue(ourCount <= e.getValue().contended, e.getKey());
            moved += e.getValue().contended - ourCount;
        }
        assertTrue(moved > 0);
        long perfUnknown = unknownKey == null ? 0 : expected.get(unknownKey).contended;
        long ourUnknown = actual.entrySet().stream()
                .filter(e -> e.getKey().endsWith(" " + PerfCallerRule.UNKNOWN))
                .mapToLong(e -> e.getValue().contended).sum();
        assertEquals(moved, ourUnknown - perfUnknown);
        assertTrue(moved <= ours.beginsWithoutStack());
        assertEquals(expected.values().stream().mapToLong(s -> s.contended).sum(),
                actual.values().stream().mapToLong(s -> s.contended).sum());
    }

    private static Map<String, Sum> expectedByCaller(Path trace) throws Exception {
        Map<String, Sum> expected = new TreeMap<>();
        for (PerfLockOracle.Row r : PerfLockOracle.read(TestData.oracle(trace, "caller"))) {
            add(expected.computeIfAbsent(r.key() + " " + r.label(), k -> new Sum()), r);
        }
        return expected;
    }

    private static Map<String, Sum> byCaller(PerfLockContention.Result ours) {
        Map<String, Sum> actual = new TreeMap<>();
        for (ContentionRow r : ours.rows()) {
            add(actual.computeIfAbsent(r.type() + " " + r.label(), k -> new Sum()), r);
        }
        return actual;
    }

    @ParameterizedTest
    @MethodSource("traces")
    void byThreadEqualsPerfPerThreadId(Path trace) throws Exception {
        List<PerfLockOracle.Row> oracle = PerfLockOracle.read(TestData.oracle(trace, "thread"));
        Map<String, Sum> expected = new TreeMap<>();
        for (PerfLockOracle.Row r : oracle) {
            add(expected.computeIfAbsent(r.key(), k -> new Sum()), r);
        }
        PerfLockContention.Result ours = run(trace, ContentionKey.THREAD);
        Map<String, Sum> actual = new TreeMap<>();
        for (ContentionRow r : ours.rows()) {
            add(actual.computeIfAbsent(Long.toString(r.key()), k -> new Sum()), r);
        }
        compare(expected, actual, trace);
    }

    private static PerfLockContention.Result run(Path trace, ContentionKey by) throws Exception {
        try (Database db = Database.inMemory()) {
            int id = new TraceIngester(db).ingest(trace.toString(), true).traceId();
            return PerfLockContention.run(db.connection(), id,
                    PerfLockContention.Options.perfDefaults(by));
        }
    }

    private static final long TS_RESOLUTION_NS = 1000;

    private static void add(Sum s, PerfLockOracle.Row r) {
        s.contended += r.contended();
        s.totalNs += r.total().ns();
        s.totalTolerance += r.total().halfUnitNs() + r.contended() * TS_RESOLUTION_NS;
        if (r.max().ns() >= s.maxNs) {
            s.maxNs = r.max().ns();
            s.maxTolerance = r.max().halfUnitNs() + TS_RESOLUTION_NS;
        }
    }

    private static void add(Sum s, ContentionRow r) {
        s.contended += r.contended();
        s.totalNs += r.totalNs();
        s.maxNs = Math.max(s.maxNs, r.maxNs());
    }

    private static void compare(Map<String, Sum> expected, Map<String, Sum> actual, Path trace) {
        assertEquals(expected.keySet(), actual.keySet(), trace + ": rows");
        expected.forEach((key, e) -> {
            Sum a = actual.get(key);
            String where = trace.getFileName() + " [" + key + "]";
            assertEquals(e.contended, a.contended, where + " contended");
            assertTrue(Math.abs(e.totalNs - a.totalNs) <= e.totalTolerance, where
                    + " total wait: perf " + e.totalNs + " ns +- " + e.totalTolerance + ", ours "
                    + a.totalNs);
            assertTrue(Math.abs(e.maxNs - a.maxNs) <= e.maxTolerance, where + " max wait: perf "
                    + e.maxNs + " ns +- " + e.maxTolerance + ", ours " + a.maxNs);
        });
    }
}
