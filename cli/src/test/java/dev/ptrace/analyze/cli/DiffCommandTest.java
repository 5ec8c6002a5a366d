package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** diff: the churn traces both ways, three runs of each, stored traces, and its reports. */
class DiffCommandTest {
    private static final String DYNAMIC = TestData.trace("perf-churn-dynamic.txt.gz").toString();
    private static final String FIXED =
            TestData.trace("perf-churn-threshold128k.txt.gz").toString();

    @TempDir
    Path tmp;

    private static List<String> regressed(Cli r) {
        return new ObjectMapper().readTree(r.out()).get("metrics").valueStream()
                .filter(m -> m.get("regressed").asBoolean())
                .map(m -> m.get("metric").asString()).toList();
    }

    @Test
    void fixedThresholdAfterDynamicRegressesMmapLockWaitingAndMmapMunmapRates() {
        Cli r = Cli.run("diff", "--json", DYNAMIC, FIXED);
        assertEquals(1, r.exit(), r.toString());
        List<String> regressed = regressed(r);
        assertTrue(regressed.containsAll(List.of("wait.lock:mmap_lock", "syscall.mmap",
                "syscall.munmap")), regressed.toString());
        Cli text = Cli.run("diff", DYNAMIC, FIXED);
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("wait.lock:mmap_lock")
                && l.endsWith("REGRESSED")), text.out());
    }

    @Test
    void dynamicAfterFixedIsNoRegression() {
        Cli r = Cli.run("diff", "--json", FIXED, DYNAMIC);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(), regressed(r));
        JsonNode mmap = new ObjectMapper().readTree(r.out()).get("metrics").valueStream()
                .filter(m -> m.get("metric").asString().equals("syscall.mmap")).findFirst()
                .orElseThrow();
        assertTrue(mmap.get("change_pct").asDouble() < -90, mmap.toString());
    }

    @Test
    void aTraceAgainstItselfChangesNothing() {
        Cli r = Cli.run("diff", "--json", FIXED, FIXED);
        assertEquals(0, r.exit(), r.toString());
        new ObjectMapper().readTree(r.out()).get("metrics").valueStream()
                .forEach(m -> assertEquals(m.get("baseline").asDouble(),
                        m.get("candidate").asDouble(), m.toString()));
    }

    @Test
    void storedTracesDiffLikeTheFiles() throws Exception {
        Path db = tmp.resolve("t.duckdb");
        assertEquals(0, Cli.run("ingest", "--db", db.toString(), DYNAMIC, FIXED).exit());
        Cli stored = Cli.run("diff", "--json", "--db", db.toString(), "1", "2");
        Cli files = Cli.run("diff", "--json", DYNAMIC, FIXED);
        assertEquals(1, stored.exit(), stored.toString());
        JsonNode a = new ObjectMapper().readTree(stored.out()).get("metrics");
        JsonNode b = new ObjectMapper().readTree(files.out()).get("metrics");
        assertEquals(b, a);
        Cli bySource = Cli.run("diff", "--db", db.toString(), FIXED, DYNAMIC);
        assertEquals(0, bySource.exit(), bySource.toString());
        Cli missing = Cli.run("diff", "--db", db.toString(), "1", "9");
        assertEquals(2, missing.exit(), missing.toString());
    }

    @Test
    void junitAndMarkdownReportsOfADiff() throws Exception {
        Path xml = tmp.resolve("diff.xml");
        Path md = tmp.resolve("diff.md");
        Cli r = Cli.run("diff", "--junit", xml.toString(), "--markdown", md.toString(),
                "--metric", "wait.lock:", "--metric", "syscall.", DYNAMIC, FIXED);
        assertEquals(1, r.exit(), r.toString());
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(getClass().getResourceAsStream("/junit-ant.xsd")))
                .newValidator().validate(new StreamSource(xml.toFile()));
        assertTrue(Files.readString(xml).contains("<failure message=\"wait.lock:mmap_lock rose"));
        List<String> lines = Files.readAllLines(md);
        int header = lines.indexOf("| metric | baseline | candidate | change | result |");
        assertTrue(header > 0 && lines.get(header + 1).equals("|---|---|---|---|---|"),
                lines.toString());
        assertTrue(lines.subList(header + 2, lines.size()).stream().allMatch(l ->
                l.startsWith("| wait.lock:") || l.startsWith("| syscall.")), lines.toString());
    }

    private static String[] runs(String name) {
        return IntStream.rangeClosed(1, 3).mapToObj(i -> TestData.dir()
                .resolve("noise/" + name + "-" + i + ".txt.gz").toString())
                .toArray(String[]::new);
    }

    @Test
    void threeRunsASideFailOnTheFixedThresholdWithEachRunAndTheRankTestsPValue()
            throws Exception {
        List<String> args = new ArrayList<>(List.of("diff", "--json", "--junit",
                tmp.resolve("runs.xml").toString(), "--baseline"));
        args.addAll(List.of(runs("churn-dynamic")));
        args.add("--candidate");
        args.addAll(List.of(runs("churn-fixed128k")));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(1, r.exit(), r.toString());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(3, json.get("baseline_traces").size());
        assertEquals(0.05, json.get("significance").asDouble());
        JsonNode mmap = json.get("metrics").valueStream().filter(m -> m.get("metric")
                .asString().equals("syscall.mmap")).findFirst().orElseThrow();
        assertEquals(3, mmap.get("candidate_runs").size());
        assertEquals(0.05, mmap.get("p_value").asDouble(), 1e-9);
        assertTrue(mmap.get("regressed").asBoolean(), mmap.toString());
        assertTrue(Files.readString(tmp.resolve("runs.xml")).contains(", p = 0.050"));
        List<String> back = new ArrayList<>(List.of("diff", "--baseline"));
        back.addAll(List.of(runs("churn-fixed128k")));
        back.add("--candidate");
        back.addAll(List.of(runs("churn-dynamic")));
        Cli text = Cli.run(back.toArray(String[]::new));
        assertEquals(0, text.exit(), text.toString());
        assertTrue(text.out().startsWith("metric") && text.out().contains("candidate [min, max]"),
                text.out());
    }

    @Test
    void storedRunsDiffByTraceIdLikeTheFiles() {
        Path db = tmp.resolve("runs.duckdb");
        List<String> ingest = new ArrayList<>(List.of("ingest", "--db", db.toString()));
        ingest.addAll(List.of(runs("churn-dynamic")));
        ingest.addAll(List.of(runs("churn-fixed128k")));
        assertEquals(0, Cli.run(ingest.toArray(String[]::new)).exit());
        Cli stored = Cli.run("diff", "--json", "--db", db.toString(), "--baseline", "1", "2",
                "3", "--candidate", "4", "5", "6");
        assertEquals(1, stored.exit(), stored.toString());
        List<String> files = new ArrayList<>(List.of("diff", "--json", "--baseline"));
        files.addAll(List.of(runs("churn-dynamic")));
        files.add("--candidate");
        files.addAll(List.of(runs("churn-fixed128k")));
        assertEquals(regressed(Cli.run(files.toArray(String[]::new))), regressed(stored));
    }

    @Test
    void runsAndPositionalTracesTogetherOrTwoRunsASideAreUsageErrors() {
        String[] two = Arrays.copyOf(runs("churn-dynamic"), 2);
        Cli both = Cli.run("diff", DYNAMIC, FIXED, "--baseline", two[0], two[1],
                "--candidate", two[0], two[1]);
        assertEquals(2, both.exit(), both.toString());
        assertTrue(both.err().contains("not both"), both.err());
        Cli twoRuns = Cli.run("diff", "--baseline", two[0], two[1], "--candidate",
                two[1], two[0]);
        assertEquals(2, twoRuns.exit(), twoRuns.toString());
        assertTrue(twoRuns.err().contains("at least 3 runs a side"), twoRuns.err());
        Cli none = Cli.run("diff", DYNAMIC);
        assertEquals(2, none.exit(), none.toString());
    }
}
