package dev.ptrace.analyze.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * diff fails a build on regressions, not on run-to-run noise: six recordings of one unchanged
 * real program (testdata/noise) differ by a few waits, a longer longest wait, a shorter run
 * with as many mmap calls, and none of that may fail, pair by pair or three runs against
 * three; a real regression still does, either way.
 */
class DiffNoiseTest {
    private static final double MAX_REGRESSION_PCT = 20;
    private static final int RUNS = 6;

    private static Path run(String name, int i) {
        return TestData.dir().resolve("noise/" + name + "-" + i + ".txt.gz");
    }

    private static Path[] runs(String name, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> run(name, i)).toArray(Path[]::new);
    }

    /** Each program's six runs, ingested once and shared by the tests. */
    private static final Map<String, TraceAnalysis> SIX_RUNS = new HashMap<>();

    private static synchronized TraceAnalysis sixRuns(String program) {
        return SIX_RUNS.computeIfAbsent(program, p -> TraceAnalysis.ofFiles(runs(p, RUNS)));
    }

    @AfterAll
    static void close() {
        SIX_RUNS.values().forEach(TraceAnalysis::close);
    }

    private static List<String> regressions(List<MetricChange> changes, String what) {
        return changes.stream().filter(MetricChange::regressed).map(c -> what + ": " + c)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"messaging", "xz", "zstd"})
    void noPairOfSixRunsOfAnUnchangedProgramFailsTheDiff(String program) throws Exception {
        List<String> failed = new ArrayList<>();
        TraceAnalysis a = sixRuns(program);
        for (int i = 1; i <= RUNS; i++) {
            for (int j = 1; j <= RUNS; j++) {
                if (i != j) {
                    failed.addAll(regressions(a.diff(i, j, MAX_REGRESSION_PCT),
                            i + " -> " + j));
                }
            }
        }
        assertEquals(List.of(), failed, program);
    }

    /** The 10 ways to split six runs into three and three, each compared both ways. */
    @ParameterizedTest
    @ValueSource(strings = {"messaging", "xz", "zstd"})
    void noSplitOfSixRunsIntoThreeAgainstThreeFailsTheDiff(String program) throws Exception {
        List<String> failed = new ArrayList<>();
        int compared = 0;
        TraceAnalysis a = sixRuns(program);
        for (int j = 2; j <= RUNS; j++) {
            for (int k = j + 1; k <= RUNS; k++) {
                List<Integer> side = List.of(1, j, k);
                List<Integer> other = IntStream.rangeClosed(1, RUNS).boxed()
                        .filter(i -> !side.contains(i)).toList();
                failed.addAll(regressions(a.diff(side, other, MAX_REGRESSION_PCT,
                        List.of()), side + " -> " + other));
                failed.addAll(regressions(a.diff(other, side, MAX_REGRESSION_PCT,
                        List.of()), other + " -> " + side));
                compared += 2;
            }
        }
        assertEquals(20, compared);
        assertEquals(List.of(), failed, program);
    }

    @Test
    void aFixedMmapThresholdAgainstTheDynamicOneStillFailsOnMmapLockAndMmapCalls()
            throws Exception {
        try (TraceAnalysis a = TraceAnalysis.ofFiles(
                TestData.trace("perf-churn-dynamic.txt.gz"),
                TestData.trace("perf-churn-threshold128k.txt.gz"))) {
            List<String> regressed = a.diff(1, 2, MAX_REGRESSION_PCT).stream()
                    .filter(MetricChange::regressed).map(MetricChange::name).toList();
            assertTrue(regressed.containsAll(List.of("wait.lock:mmap_lock", "syscall.mmap",
                    "syscall.munmap")), regressed.toString());
        }
    }

    /**
     * Three runs of each: every fixed-threshold run waits more on mmap_lock and calls mmap
     * more than every dynamic one, so the ranks say 3 of 3 above 3 of 3 (p = 1/20 without
     * ties); the other way round nothing regresses.
     */
    @Test
    void threeRunsOfTheFixedThresholdAgainstThreeOfTheDynamicOneFail() throws Exception {
        Path[] files = {run("churn-dynamic", 1), run("churn-dynamic", 2),
            run("churn-dynamic", 3), run("churn-fixed128k", 1), run("churn-fixed128k", 2),
            run("churn-fixed128k", 3)};
        try (TraceAnalysis a = TraceAnalysis.ofFiles(files)) {
            List<MetricChange> changes = a.diff(List.of(1, 2, 3), List.of(4, 5, 6),
                    MAX_REGRESSION_PCT, List.of());
            List<String> regressed = changes.stream().filter(MetricChange::regressed)
                    .map(MetricChange::name).toList();
            assertTrue(regressed.containsAll(List.of("wait.lock:mmap_lock", "syscall.mmap",
                    "syscall.munmap", "mmap_lock.hold:munmap")), regressed.toString());
            MetricChange mmap = changes.stream().filter(c -> c.name().equals("syscall.mmap"))
                    .findFirst().orElseThrow();
            assertEquals(0.05, mmap.pValue(), 1e-9);
            assertEquals(3, mmap.candidateRuns().size());
            assertTrue(mmap.candidateRuns().stream().allMatch(v -> v > mmap.baselineRuns()
                    .stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
            assertEquals(List.of(), regressions(a.diff(List.of(4, 5, 6), List.of(1, 2, 3),
                    MAX_REGRESSION_PCT, List.of()), "fixed -> dynamic"));
        }
    }
}
