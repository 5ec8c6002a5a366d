package dev.ptrace.analyze.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.contention.ContentionKey;
import dev.ptrace.analyze.analysis.contention.ContentionRow;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.api.LakeIngest;
import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.diff.MetricChange;
import dev.ptrace.analyze.fleet.Fleet;
import dev.ptrace.analyze.fleet.FleetComparison;
import dev.ptrace.analyze.fleet.FleetQueries;
import dev.ptrace.analyze.fleet.FleetQuery;
import dev.ptrace.analyze.fleet.FleetSide;
import dev.ptrace.analyze.query.RowWriter;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lake built from the committed perf script traces (in parallel, on two days and two hosts)
 * answers the fleet questions with what the traces say one by one: perf lock contention's own
 * tables (.oracle files) for the callers, the findings command run trace by trace for the
 * savings, diff for the change between the churn runs; its folders are the content hashes
 * of the files, worked out here; a filter on host or day reads only that folder.
 */
class LakeFleetTest {
    private static final Path TRACES = TestData.dir().resolve("traces");
    private static final LocalDate DAY1 = LocalDate.parse("2026-12-01");
    private static final LocalDate DAY2 = LocalDate.parse("2026-12-02");
    /** The traces of the first day and host ci-1: the fixed-threshold run among them. */
    private static final List<String> FIRST = List.of("perf-churn-threshold128k", "perf-inversion",
            "perf-madvise");
    /** The second day's, host ci-2: the dynamic-threshold run among them. */
    private static final List<String> SECOND = List.of("perf-churn-dynamic", "perf-munmap");
    private static final Pattern PERF_ROW = Pattern.compile("^\\s+(\\d+)\\s+([\\d.]+) (\\w+)\\s+"
            + "([\\d.]+) (\\w+)\\s+([\\d.]+) (\\w+)\\s+(\\S+)\\s+(\\S+)\\s*$");

    @TempDir static Path dir;
    private static Path lake;

    @BeforeAll
    static void fileTheTraces() {
        lake = dir.resolve("lake");
        file(FIRST, DAY1, "ci-1");
        file(SECOND, DAY2, "ci-2");
    }

    private static List<LakeIngest.Outcome> file(List<String> names, LocalDate day, String host) {
        List<LakeIngest.Outcome> out = LakeIngest.run(names.stream().map(LakeFleetTest::file)
                        .toList(), lake, new LakePlacement(day, host), true,
                () -> Workspace.create(null), 2);
        out.forEach(o -> assertEquals(null, o.failure(), o.file()));
        return out;
    }

    private static String file(String name) {
        return TRACES.resolve(name + ".txt.gz").toString();
    }

    private static String sha256(String file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(Path.of(file)))).substring(0, 16);
    }

    private static List<Map<String, Object>> rows(LakeFilter filter, String sql) throws Exception {
        CollectedRows rows = new CollectedRows();
        try (Fleet f = Fleet.open(lake, filter)) {
            f.query(sql, rows);
        }
        return rows.rows;
    }

    /** A query's rows kept as maps from column to value. */
    private static final class CollectedRows implements RowWriter {
        final List<Map<String, Object>> rows = new ArrayList<>();
        private List<String> columns;

        @Override
        public void start(List<String> c) {
            columns = c;
        }

        @Override
        public void row(List<Object> values) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                r.put(columns.get(i), values.get(i));
            }
            rows.add(r);
        }

        @Override
        public void end() {
        }
    }

    private static String sql(String query) {
        return FleetQueries.shipped().named(query).sql();
    }

    @Test
    void eachFileIsOneTraceInTheFolderOfItsDayHostAndContentHash() throws Exception {
        for (String name : FIRST) {
            assertTrue(Files.isDirectory(LakeLayout.traceDir(lake, DAY1, "ci-1",
                    sha256(file(name)))), name);
        }
        for (String name : SECOND) {
            Path t = LakeLayout.traceDir(lake, DAY2, "ci-2", sha256(file(name)));
            for (dev.ptrace.analyze.store.TableDef table : LakeLayout.TABLES) {
                assertTrue(Files.isRegularFile(t.resolve(table.name() + ".parquet")), t + " "
                        + table.name());
            }
        }
        List<Map<String, Object>> traces = rows(LakeFilter.ALL,
                "SELECT trace_id, content_hash, source FROM traces ORDER BY source");
        assertEquals(FIRST.size() + SECOND.size(), traces.size());
        for (Map<String, Object> t : traces) {
            assertEquals(sha256((String) t.get("source")), t.get("trace_id"));
            assertEquals(t.get("trace_id"), t.get("content_hash"));
        }
    }

    @Test
    void topCallersAddUpPerfLockContentionsCallersOverTheTraces() throws Exception {
        // perf's rows (the .oracle files), contended and total wait summed by caller and type
        Map<String, long[]> perf = new TreeMap<>();
        Map<String, Double> perfTotalNs = new TreeMap<>();
        // perf rounds each row's total to 2 decimals of its unit; the text has microseconds
        Map<String, Double> rounding = new TreeMap<>();
        List<String> all = new ArrayList<>(FIRST);
        all.addAll(SECOND);
        for (String name : all) {
            for (String line : Files.readAllLines(TRACES.resolve(name
                    + ".perf-lock-caller.oracle"))) {
                Matcher m = PERF_ROW.matcher(line);
                if (m.matches()) {
                    String key = m.group(9) + " " + m.group(8);
                    perf.computeIfAbsent(key, k -> new long[1])[0] += Long.parseLong(m.group(1));
                    perfTotalNs.merge(key, Double.parseDouble(m.group(2)) * unitNs(m.group(3)),
                            Double::sum);
                    rounding.merge(key, 0.005 * unitNs(m.group(3))
                            + 1000.0 * Long.parseLong(m.group(1)), Double::sum);
                }
            }
        }
        List<Map<String, Object>> ours = rows(LakeFilter.ALL, sql("top_callers"));
        assertEquals(perf.size(), ours.size());
        for (Map<String, Object> r : ours) {
            String key = r.get("caller") + " " + r.get("lock_type");
            assertTrue(perf.containsKey(key), key);
            assertEquals(perf.get(key)[0], (Long) r.get("contended"), key);
            assertEquals(perfTotalNs.get(key), ((Number) r.get("wait_ns")).doubleValue(),
                    rounding.get(key), key);
        }
    }

    private static double unitNs(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    @Test
    void findingsByScenarioTotalTheFindingsOfEachTraceRunOneByOne() throws Exception {
        Map<String, long[]> expected = new TreeMap<>(); // scenario -> findings, saved ns
        List<String> all = new ArrayList<>(FIRST);
        all.addAll(SECOND);
        for (String name : all) {
            try (TraceAnalysis a = TraceAnalysis.ofFiles(Path.of(file(name)))) {
                for (Finding f : a.findings(1)) {
                    long[] e = expected.computeIfAbsent(f.scenario(), k -> new long[2]);
                    e[0]++;
                    e[1] += f.savedNs();
                }
            }
        }
        Map<String, long[]> fleet = new TreeMap<>();
        long previous = Long.MAX_VALUE;
        for (Map<String, Object> r : rows(LakeFilter.ALL, sql("findings_by_scenario"))) {
            long saved = ((Number) r.get("saved_ns")).longValue();
            assertTrue(saved <= previous, "the largest saving first");
            previous = saved;
            fleet.put((String) r.get("scenario"), new long[] {(Long) r.get("findings"), saved});
        }
        assertEquals(expected.keySet(), fleet.keySet());
        expected.forEach((s, e) -> assertEquals(List.of(e[0], e[1]),
                List.of(fleet.get(s)[0], fleet.get(s)[1]), s));
    }

    @Test
    void theChangeBetweenTheChurnRunsIsWhatDiffSays() throws Exception {
        FleetQuery q = FleetQueries.shipped().named("metric_change");
        List<MetricChange> fleet;
        try (Fleet f = Fleet.open(lake, LakeFilter.ALL)) {
            fleet = FleetComparison.of(f.metrics(q), FleetSide.parse("2026-12-02,source=dynamic"),
                    FleetSide.parse("2026-12-01,source=threshold128k"), 20, List.of())
                    .changes();
        }
        List<MetricChange> diff;
        try (TraceAnalysis a = TraceAnalysis.ofFiles(Path.of(file("perf-churn-dynamic")),
                Path.of(file("perf-churn-threshold128k")))) {
            diff = a.diff(1, 2, 20);
        }
        assertEquals(diff.size(), fleet.size());
        for (int i = 0; i < diff.size(); i++) {
            MetricChange d = diff.get(i);
            MetricChange f = fleet.get(i);
            assertEquals(List.of(d.name(), d.regressed()), List.of(f.name(), f.regressed()));
            assertEquals(d.baseline(), f.baseline(), Math.abs(d.baseline()) * 1e-9, d.name());
            assertEquals(d.candidate(), f.candidate(), Math.abs(d.candidate()) * 1e-9, d.name());
        }
        assertTrue(fleet.stream().anyMatch(m -> m.regressed()
                && m.name().equals("wait.lock:mmap_lock")), "the fixed threshold's mmap_lock");
    }

    @Test
    void aFilterOnHostOrDayReadsOnlyThatFolder() throws Exception {
        String plan = (String) rows(new LakeFilter(null, null, "ci-2", null),
                "EXPLAIN ANALYZE SELECT count(*) FROM waits").get(0).get("explain_value");
        assertTrue(plan.contains("Scanning Files: " + SECOND.size() + "/"
                + (FIRST.size() + SECOND.size())), plan);
        plan = (String) rows(new LakeFilter(DAY1, DAY1, null, null),
                "EXPLAIN ANALYZE SELECT count(*) FROM waits").get(0).get("explain_value");
        assertTrue(plan.contains("Scanning Files: " + FIRST.size() + "/"), plan);
        assertEquals(List.of(Map.of("n", (long) SECOND.size())), rows(new LakeFilter(DAY2, null,
                null, null), "SELECT count(*) AS n FROM traces"));
    }

    @Test
    void aTraceReadFromTheLakeIsAnalysedAsItsFile() throws Exception {
        String name = "perf-inversion";
        try (TraceAnalysis fromLake = TraceAnalysis.over(LakeLoader.load(lake,
                new LakeFilter(null, null, null, sha256(file(name)).substring(0, 6))));
             TraceAnalysis fromFile = TraceAnalysis.ofFiles(Path.of(file(name)))) {
            assertEquals(List.of(1), fromLake.traceIds());
            assertEquals(fromFile.findings(1), fromLake.findings(1));
            assertEquals(fromFile.inversions(1), fromLake.inversions(1));
            PerfLockContention.Options perf = PerfLockContention.Options
                    .perfDefaults(ContentionKey.CALLER);
            List<ContentionRow> lakeRows = fromLake.contention(1, perf).rows();
            assertEquals(fromFile.contention(1, perf).rows(), lakeRows);
            assertFalse(lakeRows.isEmpty());
        }
    }

    @Test
    void aCaptureFiledAgainIsInTheLakeOnceWhereverItWasFiledBefore() throws Exception {
        Path again = dir.resolve("again");
        String name = "perf-munmap";
        LakeIngest.Outcome first = LakeIngest.run(List.of(file(name)), again,
                new LakePlacement(DAY1, "a"), true, () -> Workspace.create(null), 1).get(0);
        LakeIngest.Outcome second = LakeIngest.run(List.of(file(name)), again,
                new LakePlacement(DAY2, "b"), true, () -> Workspace.create(null), 1).get(0);
        assertFalse(first.trace().replaced());
        assertTrue(second.trace().replaced());
        assertFalse(Files.exists(first.trace().dir()));
        assertEquals(List.of(second.trace().dir()), LakeLayout.filed(again,
                sha256(file(name))).stream().map(LakeEntry::dir).toList());
    }

    /**
     * A compacted copy of the lake: a bundle per day and host, every fleet question answering
     * the same rows, a filtered query reading the one bundle file, a bundled trace analysed
     * as its file, and a capture filed again taken out of its bundle.
     */
    @Test
    void compactionChangesNoAnswerAndLeavesAFilePerTableAndFolder() throws Exception {
        Path compacted = dir.resolve("compacted");
        copy(lake, compacted);
        assertEquals(new LakeCompactor.Compacted(2, FIRST.size() + SECOND.size()),
                LakeCompactor.compact(compacted, LakeFilter.ALL));
        assertTrue(LakeLayout.entries(compacted).stream().allMatch(LakeEntry::bundled));
        Path before = lake;
        for (FleetQuery q : FleetQueries.shipped().all()) {
            List<Map<String, Object>> loose = rows(LakeFilter.ALL, q.sql());
            lake = compacted;
            try {
                assertEquals(loose, rows(LakeFilter.ALL, q.sql()), q.name());
            } finally {
                lake = before;
            }
        }
        lake = compacted;
        try {
            String plan = (String) rows(new LakeFilter(null, null, "ci-2", null),
                    "EXPLAIN ANALYZE SELECT count(*) FROM waits").get(0).get("explain_value");
            assertTrue(plan.contains("Scanning Files: 1/2"), plan);
        } finally {
            lake = before;
        }
        String name = "perf-inversion";
        try (TraceAnalysis fromLake = TraceAnalysis.over(LakeLoader.load(compacted,
                new LakeFilter(null, null, null, sha256(file(name)))));
             TraceAnalysis fromFile = TraceAnalysis.ofFiles(Path.of(file(name)))) {
            assertEquals(fromFile.findings(1), fromLake.findings(1));
            assertEquals(fromFile.chains(1), fromLake.chains(1));
        }
        String again = "perf-munmap";
        LakeTrace filed = LakeIngest.run(List.of(file(again)), compacted,
                new LakePlacement(DAY1, "ci-1"), true, () -> Workspace.create(null), 1).get(0)
                .trace();
        assertTrue(filed.replaced());
        List<LakeEntry> copies = LakeLayout.filed(compacted, sha256(file(again)));
        assertEquals(List.of(new LakeEntry(DAY1, "ci-1", filed.traceId(), filed.dir(), false)),
                copies);
        assertEquals(FIRST.size() + SECOND.size(), LakeLayout.entries(compacted).size());
    }

    private static void copy(Path from, Path to) throws Exception {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void aLakeOfAnotherSchemaVersionIsRefused() throws Exception {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve(LakeLayout.VERSION_FILE), "1\n");
        UsageException e = assertThrows(UsageException.class,
                () -> Fleet.open(other, LakeFilter.ALL));
        assertTrue(e.getMessage().contains("schema version 1"), e.getMessage());
    }

    @Test
    void anEmptyLakeHasEveryTableWithNoRows() throws Exception {
        Path empty = dir.resolve("empty");
        LakeLayout.checkVersion(empty, true);
        try (Fleet f = Fleet.open(empty, LakeFilter.ALL)) {
            for (FleetQuery q : FleetQueries.shipped().all()) {
                CollectedRows rows = new CollectedRows();
                f.query(q.sql(), rows);
                assertEquals(List.of(), rows.rows, q.name());
            }
        }
    }
}
