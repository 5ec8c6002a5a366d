package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TableDef;
import dev.ptrace.analyze.store.Tables;
import dev.ptrace.analyze.testing.PerfLockOracle;
import dev.ptrace.analyze.testing.TestData;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** export: folded stacks against stackcollapse-perf.pl, and the tables as Parquet and CSV. */
class ExportCommandTest {
    @TempDir
    Path tmp;

    private static String gunzip(Path p) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every shared perf trace with cpu samples, and what stackcollapse-perf.pl printed. */
    @ParameterizedTest
    @ValueSource(strings = {"perf-churn-dynamic", "perf-churn-threshold128k",
            "perf-vmalloc-cpu"})
    void foldedStacksEqualStackcollapsePerfStackForStackAndCountForCount(String name)
            throws Exception {
        Path out = tmp.resolve(name + ".folded");
        Cli r = Cli.run("export", "--folded", out.toString(),
                TestData.trace(name + ".txt.gz").toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals(gunzip(TestData.trace(name + ".stackcollapse-perf.folded.gz")),
                Files.readString(out));
    }

    /**
     * Our own recordings of other programs, by the documented semantics: every line starts
     * with the thread name, no frame keeps a +0x offset, and the weights add up to the
     * periods of the first sample event plus one per other event with a stack.
     */
    @ParameterizedTest
    @ValueSource(strings = {"perf-cpu-xz", "perf-cpu-sort-sched"})
    void foldedStacksOfOtherProgramsFollowStackcollapsePerfsRules(String name) throws Exception {
        Path trace = TestData.dir().resolve("captures").resolve(name + ".txt.gz");
        Cli r = Cli.run("export", "--folded", "-", trace.toString());
        assertEquals(0, r.exit(), r.toString());
        long total = 0;
        String previous = "";
        for (String line : r.out().lines().toList()) {
            String stack = line.substring(0, line.lastIndexOf(' '));
            assertTrue(stack.compareTo(previous) > 0, "sorted, no duplicates: " + line);
            previous = stack;
            assertTrue(stack.startsWith(name.equals("perf-cpu-xz") ? "xz" : "sort"), line);
            assertFalse(stack.matches(".*\\+0x[0-9a-f]+(;.*|$)"), line);
            total += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        }
        String text = gunzip(trace);
        long periods = 0;
        long others = 0;
        String first = null;
        for (String header : text.lines().filter(l -> !l.isEmpty()
                && !Character.isWhitespace(l.charAt(0))).toList()) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile(":\\s*(\\d+)\\s+(\\S+):\\s*$").matcher(header);
            if (m.find()) {
                first = first == null ? m.group(2) : first;
                if (m.group(2).equals(first)) {
                    periods += Long.parseLong(m.group(1));
                }
            } else {
                others++;
            }
        }
        assertEquals(periods + others, total, "periods of " + first + " + other events");
    }

    @Test
    void samplesOnlyLeavesOutTracepointStacks() {
        Cli r = Cli.run("export", "--folded", "-", "--samples-only",
                TestData.trace("perf-churn-dynamic.txt.gz").toString());
        long total = r.out().lines().mapToLong(l -> Long.parseLong(l.substring(
                l.lastIndexOf(' ') + 1))).sum();
        assertEquals(533L * 250_000, total, "533 cpu-clock samples of period 250000");
    }

    /** The wait stacks of a trace whose every wait has a stack weigh what perf counted. */
    @Test
    void waitStacksWeighTheNanosecondsPerfLockContentionCounted() throws Exception {
        Path trace = TestData.trace("perf-madvise.txt.gz");
        Cli r = Cli.run("export", "--folded", "-", "--folded-mode", "waits", trace.toString());
        assertEquals(0, r.exit(), r.toString());
        long total = r.out().lines().mapToLong(l -> Long.parseLong(l.substring(
                l.lastIndexOf(' ') + 1))).sum();
        long perfNs = 0;
        long tolerance = 0;
        for (PerfLockOracle.Row row : PerfLockOracle.read(TestData.oracle(trace, "caller"))) {
            perfNs += row.total().ns();
            tolerance += row.total().halfUnitNs() + row.contended() * 1000;
        }
        assertTrue(Math.abs(total - perfNs) <= tolerance,
                "folded " + total + " ns, perf " + perfNs + " +- " + tolerance);
        assertTrue(r.out().contains(";[wait lruvec lock] "), r.out());
    }

    private Path ingest(Path trace) {
        Path db = tmp.resolve("t.duckdb");
        assertEquals(0, Cli.run("ingest", "--db", db.toString(), trace.toString()).exit());
        return db;
    }

    @Test
    void parquetAndCsvReadBackWithTheSameRowCounts() throws Exception {
        Path db = ingest(TestData.trace("perf-inversion.txt.gz"));
        Path pq = tmp.resolve("pq");
        Path csv = tmp.resolve("csv");
        Cli r = Cli.run("export", "--db", db.toString(), "--parquet", pq.toString(), "--csv",
                csv.toString());
        assertEquals(0, r.exit(), r.toString());
        try (Database d = Database.open(db); Statement st = d.connection().createStatement()) {
            int checked = 0;
            for (TableDef t : Tables.all()) {
                long rows = count(st, "SELECT count(*) FROM " + t.name());
                if (rows == 0) {
                    continue;
                }
                boolean perTrace = Files.isDirectory(pq.resolve(t.name()));
                String parquet = perTrace ? "read_parquet('" + pq.resolve(t.name())
                        + "/*/*.parquet', hive_partitioning = true)"
                        : "read_parquet('" + pq.resolve(t.name() + ".parquet") + "')";
                String csvFiles = perTrace ? "read_csv('" + csv.resolve(t.name())
                        + "/*/*.csv', hive_partitioning = true)"
                        : "read_csv('" + csv.resolve(t.name() + ".csv") + "')";
                assertEquals(rows, count(st, "SELECT count(*) FROM " + parquet), t.name());
                assertEquals(rows, count(st, "SELECT count(*) FROM " + csvFiles), t.name());
                checked++;
            }
            assertTrue(checked >= 12, "tables with rows: " + checked);
            // the export carries the analysis tables, worked out first, and what they came from
            for (TableDef t : Tables.ANALYSIS_TABLES) {
                assertTrue(count(st, "SELECT count(*) FROM " + t.name()) > 0, t.name());
            }
            assertEquals(7, count(st, "SELECT count(DISTINCT unit) FROM read_parquet('"
                    + pq.resolve("derivations") + "/*/*.parquet')"), "replay and the six analysis units");
            assertEquals(count(st, "SELECT sum(duration_ns) FROM waits"), count(st,
                    "SELECT sum(duration_ns) FROM read_parquet('" + pq.resolve("waits")
                            + "/*/*.parquet')"));
        }
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Decoded with the generated classes: the wait and contention totals of contention. */
    @ParameterizedTest
    @ValueSource(strings = {"perf-churn-threshold128k", "perf-inversion", "perf-madvise",
            "perf-munmap", "same-run-inversion.perf"})
    void pprofTotalsEqualTheContentionTotals(String name) throws Exception {
        Path trace = TestData.trace(name + ".txt.gz");
        Path out = tmp.resolve(name + ".pb.gz");
        assertEquals(0, Cli.run("export", "--pprof", out.toString(), trace.toString()).exit());
        dev.ptrace.analyze.export.pprof.PprofProto.Profile p;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(out))) {
            p = dev.ptrace.analyze.export.pprof.PprofProto.Profile.parseFrom(in);
        }
        List<String> types = p.getSampleTypeList().stream()
                .map(t -> p.getStringTable((int) t.getType())).toList();
        assertEquals(List.of("contentions", "wait", "hold"), types);
        long count = p.getSampleList().stream().mapToLong(x -> x.getValue(0)).sum();
        long waitNs = p.getSampleList().stream().mapToLong(x -> x.getValue(1)).sum();
        Cli c = Cli.run("contention", trace.toString(), "--format", "csv");
        long[] expected = c.out().lines().skip(1).map(l -> l.split(","))
                .map(f -> new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])})
                .reduce(new long[2], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        assertEquals(expected[0], count, "contentions");
        assertEquals(expected[1], waitNs, "wait ns");
        java.util.Set<String> labels = new java.util.TreeSet<>();
        p.getSampleList().forEach(x -> x.getLabelList().forEach(l -> labels.add(
                p.getStringTable((int) l.getKey()))));
        assertEquals(java.util.Set.of("cause", "lock", "thread", "tid"), labels);
        p.getLocationList().forEach(l -> assertTrue(l.getId() > 0 && l.getLineCount() == 1));
    }

    static Stream<Path> tracesWithOracles() {
        return TestData.perfTracesWithOracles().stream();
    }

    /**
     * Go's own pprof reads each export, and its totals are perf lock contention's for the
     * recording (the .oracle file): the waits exactly, the wait time within what perf printed
     * plus the text's timestamp resolution (1 us per wait).
     */
    @ParameterizedTest
    @MethodSource("tracesWithOracles")
    void goToolPprofReadsTheExportWithPerfLockContentionsTotals(Path trace) throws Exception {
        Path go = TestData.tool("go");
        Path out = tmp.resolve(trace.getFileName() + ".pb.gz");
        assertEquals(0, Cli.run("export", "--pprof", out.toString(), trace.toString()).exit());
        long contended = 0;
        long waitNs = 0;
        long tolerance = 0;
        for (PerfLockOracle.Row r : PerfLockOracle.read(TestData.oracle(trace, "caller"))) {
            contended += r.contended();
            waitNs += r.total().ns();
            tolerance += r.total().halfUnitNs() + r.contended() * 1000;
        }
        assertEquals(contended, pprofTotal(go, out, "-sample_index=contentions"),
                trace + ": contentions");
        long pprofNs = pprofTotal(go, out, "-sample_index=wait", "-unit=ns");
        assertTrue(Math.abs(pprofNs - waitNs) <= tolerance, trace + ": go tool pprof "
                + pprofNs + " ns, perf " + waitNs + " +- " + tolerance);
    }

    /** The total {@code go tool pprof -top} prints: "... of N total" (Nns with -unit=ns). */
    private static long pprofTotal(Path go, Path profile, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(go.toString(), "tool", "pprof", "-top"));
        command.addAll(List.of(options));
        command.add(profile.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), text);
        Matcher m = Pattern.compile(" of (\\d+)(ns)? total").matcher(text);
        if (!m.find()) {
            // an empty profile: pprof prints no total line
            assertTrue(text.contains("Showing nodes accounting for 0"), text);
            return 0;
        }
        return Long.parseLong(m.group(1));
    }
}
