package dev.ptrace.analyze.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.analysis.locks.Kallsyms;
import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.read.symbols.SymbolSources;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contention table a rule reads holds perf lock contention's rows: on the committed
 * perf.data captures, its rows by caller and by thread are the rows perf lock contention (and
 * its -t) printed for the same files, in perf's order, every count and time as perf rounds it
 * in the unit perf chose. The rule over it (examples/rules/lock-caller-wait.sql) fails with
 * perf's longest total; a query that names the table reads the same rows.
 */
class ContentionTableTest {
    private static final Path DIR = TestData.dir().resolve("perfdata");
    private static final Path RULE = TestData.dir().resolveSibling("examples")
            .resolve("rules").resolve("lock-caller-wait.sql");
    /** A row of perf's table: contended, total, max and avg wait (value and unit), then the rest. */
    private static final Pattern PERF_ROW = Pattern.compile("^\\s+(\\d+)\\s+([\\d.]+) (\\w+)\\s+"
            + "([\\d.]+) (\\w+)\\s+([\\d.]+) (\\w+)\\s+(\\S+)\\s+(\\S+)\\s*$");

    private static TraceAnalysis analysis(String name) {
        String capture = name + (name.contains("zstd") ? ".perf.data" : ".perf.data.gz");
        Workspace w = Workspace.create(null).kallsyms(Kallsyms.read(DIR.resolve("kallsyms")))
                .symbols(SymbolSources.LOCAL.withKallsyms(DIR.resolve("kallsyms"))
                        .withSymfs(DIR.resolve("symfs")));
        w.ingest(DIR.resolve(capture).toString(), true);
        return TraceAnalysis.over(w);
    }

    /** {@code ns} as perf printed it in {@code unit}: two decimals. */
    private static String inUnit(long ns, String unit) {
        double per = switch (unit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> throw new IllegalArgumentException(unit);
        };
        return String.format(Locale.ROOT, "%.2f %s", ns / per, unit);
    }

    /** perf's rows as [contended, total, max, avg, type or tid, caller or comm]. */
    private static List<List<String>> perfRows(String oracle) throws Exception {
        return Files.readAllLines(DIR.resolve(oracle)).stream().map(PERF_ROW::matcher)
                .filter(Matcher::matches).map(m -> List.of(m.group(1),
                        m.group(2) + " " + m.group(3), m.group(4) + " " + m.group(5),
                        m.group(6) + " " + m.group(7), m.group(8), m.group(9))).toList();
    }

    /** Our rows, each time in the unit perf printed the same row's in. */
    private static List<List<String>> ours(List<Map<String, Object>> rows,
                                           List<List<String>> perf, String first,
                                           String second) {
        return java.util.stream.IntStream.range(0, rows.size()).mapToObj(i -> {
            Map<String, Object> r = rows.get(i);
            List<String> p = perf.get(Math.min(i, perf.size() - 1));
            return List.of(r.get("contended").toString(),
                    inUnit((Long) r.get("total_ns"), p.get(1).split(" ")[1]),
                    inUnit((Long) r.get("max_ns"), p.get(2).split(" ")[1]),
                    inUnit((Long) r.get("avg_ns"), p.get(3).split(" ")[1]),
                    String.valueOf(r.get(first)), String.valueOf(r.get(second)));
        }).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"inversion", "churn.zstd"})
    void byCallerTheTableHoldsPerfLockContentionsRowsInItsOrder(String name) throws Exception {
        try (TraceAnalysis a = analysis(name)) {
            a.check(RuleSet.empty().withFile(RULE));
            List<List<String>> perf = perfRows(name + ".perf-lock-caller.oracle");
            List<Map<String, Object>> rows = a.query("SELECT contended, total_ns, max_ns,"
                    + " avg_ns, type, label FROM contention WHERE grouped_by = 'caller'"
                    + " ORDER BY rank");
            assertEquals(perf, ours(rows, perf, "type", "label"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inversion", "churn.zstd"})
    void byThreadTheTableAQueryReadsHoldsPerfLockContentionTsRows(String name)
            throws Exception {
        // no check ran: the query fills the table it names
        try (TraceAnalysis a = analysis(name)) {
            // perf lock -t names threads it saw no COMM record for ":TID"; the names differ
            List<List<String>> perf = perfRows(name + ".perf-lock-thread.oracle").stream()
                    .map(r -> r.subList(0, 5)).toList();
            List<Map<String, Object>> rows = a.query("SELECT contended, total_ns, max_ns,"
                    + " avg_ns, key, label FROM contention WHERE grouped_by = 'thread'"
                    + " ORDER BY rank");
            assertEquals(perf, ours(rows, perf, "key", "label").stream()
                    .map(r -> r.subList(0, 5)).toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inversion"})
    void theCallerWaitRuleFailsWithPerfsLongestTotal(String name) throws Exception {
        try (TraceAnalysis a = analysis(name)) {
            RuleResult r = a.check(RuleSet.empty().withFile(RULE)).results().get(0);
            assertEquals(RuleResult.Status.FAIL, r.status());
            // perf: 315.14 ms (do_syscall_64+0x71) and 314.25 ms (__x64_sys_mprotect+0x1b)
            // and 310.59 ms are over 100 ms; 194.21 us is not
            assertEquals(3, r.failures());
            assertEquals("315.14 ms", inUnit(r.worst().longValue(), "ms"));
        }
    }
}
