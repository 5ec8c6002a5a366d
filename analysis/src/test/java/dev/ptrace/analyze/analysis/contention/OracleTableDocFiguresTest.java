package dev.ptrace.analyze.analysis.contention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.PerfLockOracle;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/perf-compatibility.md's table of perf traces against perf lock contention's own
 * answers: the rows, waits and total wait are read off the .oracle files (what perf printed);
 * "counts equal" and the largest total-wait gap compare perf's figures with what {@code
 * contention} makes of the perf script text, per type and caller (by caller) or thread.
 */
class OracleTableDocFiguresTest {
    /** {@code | trace | C / T | waits | yes / yes | gap / gap [...] | total ms |}. */
    private static final Pattern ROW = Pattern.compile("^\\| ([\\w.-]+) \\| (\\d+) / (\\d+) \\| ([\\d,]+) \\| "
            + "(yes|no) / (yes|no) \\| (\\S+(?: \\S+)?) / (\\S+(?: \\S+)?)(?: \\(.*\\))? \\| ([\\d.]+) ms \\|$");

    static Stream<String> rows() throws Exception {
        return Files.readAllLines(TestData.dir().resolveSibling("docs").resolve("perf-compatibility.md"))
                .stream().filter(l -> ROW.matcher(l).matches());
    }

    @ParameterizedTest
    @MethodSource("rows")
    void rowIsWhatPerfPrintedAndHowFarOursIsFromIt(String row) throws Exception {
        Matcher m = ROW.matcher(row);
        assertTrue(m.matches());
        Path trace = TestData.trace(m.group(1) + ".txt.gz");
        if (!Files.exists(trace)) {
            trace = TestData.dir().resolve("captures").resolve(m.group(1) + ".txt.gz");
        }
        List<PerfLockOracle.Row> byCaller = PerfLockOracle.read(TestData.oracle(trace, "caller"));
        List<PerfLockOracle.Row> byThread = PerfLockOracle.read(TestData.oracle(trace, "thread"));
        assertEquals(List.of(byCaller.size(), byThread.size()),
                List.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))), row);
        long waits = byCaller.stream().mapToLong(PerfLockOracle.Row::contended).sum();
        assertEquals(waits, byThread.stream().mapToLong(PerfLockOracle.Row::contended).sum(), row);
        assertEquals(waits, Long.parseLong(m.group(4).replace(",", "")), row);
        // the doc's two decimals of a ms (5 us) and half a unit of each row perf printed
        long total = 0;
        long tolerance = 5_000;
        for (PerfLockOracle.Row r : byCaller) {
            total += r.total().ns();
            tolerance += r.total().halfUnitNs();
        }
        long doc = Math.round(Double.parseDouble(m.group(9)) * 1e6);
        assertTrue(Math.abs(doc - total) <= tolerance, row + ": perf's rows total " + total + " ns");

        List<List<ContentionRow>> ours = run(trace, ContentionKey.CALLER, ContentionKey.THREAD);
        Side caller = side(byCaller, ours.get(0), r -> r.type() + " " + r.label(), p -> p.key() + " " + p.label());
        Side thread = side(byThread, ours.get(1), r -> Long.toString(r.key()), PerfLockOracle.Row::key);
        assertEquals(List.of(m.group(5), m.group(6)), List.of(caller.countsEqual() ? "yes" : "no",
                thread.countsEqual() ? "yes" : "no"), row);
        assertGap(caller.gapNs(), m.group(7), row);
        assertGap(thread.gapNs(), m.group(8), row);
    }

    /** Whether each key has perf's count of waits; the largest gap of a key's total wait. */
    private record Side(boolean countsEqual, long gapNs) {
    }

    /**
     * perf's rows against ours per key: by caller perf keys a row by its whole callchain, so
     * rows with one type and caller name are summed on both sides (as the traces' README
     * says to compare them); by thread a key is one row.
     */
    private static Side side(List<PerfLockOracle.Row> perf, List<ContentionRow> ours,
                             Function<ContentionRow, String> ourKey,
                             Function<PerfLockOracle.Row, String> perfKey) {
        Map<String, long[]> byKey = new TreeMap<>(); // count and total: perf's, then ours
        for (PerfLockOracle.Row p : perf) {
            long[] k = byKey.computeIfAbsent(perfKey.apply(p), x -> new long[4]);
            k[0] += p.contended();
            k[1] += p.total().ns();
        }
        for (ContentionRow r : ours) {
            long[] k = byKey.computeIfAbsent(ourKey.apply(r), x -> new long[4]);
            k[2] += r.contended();
            k[3] += r.totalNs();
        }
        return new Side(byKey.values().stream().allMatch(k -> k[0] == k[2]),
                byKey.values().stream().mapToLong(k -> Math.abs(k[1] - k[3])).max().orElse(0));
    }

    /** A gap as the doc prints it: {@code 0}, {@code 7 µs}, {@code 6.8 ms}. */
    private static void assertGap(long ns, String printed, String row) {
        String[] p = printed.split(" ");
        double unit = p.length == 1 ? 1e3 : p[1].equals("ms") ? 1e6 : 1e3;
        int decimals = p[0].contains(".") ? p[0].length() - p[0].indexOf('.') - 1 : 0;
        double shown = Math.round(ns / unit * Math.pow(10, decimals)) / Math.pow(10, decimals);
        assertEquals(Double.parseDouble(p[0]), shown, row + ": the largest gap is " + ns + " ns");
    }

    /** Our rows by each key, from one ingest of the trace. */
    private static List<List<ContentionRow>> run(Path trace, ContentionKey... keys) throws Exception {
        try (Database db = Database.inMemory()) {
            int id = new TraceIngester(db).ingest(trace.toString(), true).traceId();
            List<List<ContentionRow>> rows = new ArrayList<>();
            for (ContentionKey by : keys) {
                rows.add(PerfLockContention.run(db.connection(), id, PerfLockContention.Options.perfDefaults(by)).rows());
            }
            return rows;
        }
    }
}
