package dev.ptrace.analyze.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * diff fails a build on regressions, not on run-to-run noise: five recordings of one
 * unchanged real program (testdata/noise) differ by a few waits, a longer longest wait, a few
 * more mmap calls a second, and none of that may fail; a real regression still does.
 */
class DiffNoiseTest {
    private static final double MAX_REGRESSION_PCT = 20;

    @ParameterizedTest
    @ValueSource(strings = {"messaging", "xz", "zstd"})
    void noPairOfFiveRunsOfAnUnchangedProgramFailsTheDiff(String program) throws Exception {
        Path[] runs = new Path[5];
        for (int i = 0; i < 5; i++) {
            runs[i] = TestData.dir().resolve("noise/" + program + "-" + (i + 1) + ".txt.gz");
        }
        List<String> failed = new ArrayList<>();
        try (TraceAnalysis a = TraceAnalysis.ofFiles(runs)) {
            for (int i = 1; i <= 5; i++) {
                for (int j = 1; j <= 5; j++) {
                    if (i == j) {
                        continue;
                    }
                    for (MetricChange c : a.diff(i, j, MAX_REGRESSION_PCT)) {
                        if (c.regressed()) {
                            failed.add(i + " -> " + j + ": " + c);
                        }
                    }
                }
            }
        }
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
}
