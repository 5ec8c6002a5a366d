package dev.ptrace.analyze.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.query.UsageException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TraceDiff's rules on values whose answer is worked out by hand. */
class TraceDiffTest {
    private static final String WAIT = "wait.lock:mmap_lock";

    private static List<Map<String, Metric>> runs(double... percents) {
        return Arrays.stream(percents).mapToObj(v -> Map.of(WAIT,
                new Metric(WAIT, v, Metric.Unit.PERCENT))).toList();
    }

    private static MetricChange only(List<MetricChange> changes) {
        assertEquals(1, changes.size(), changes.toString());
        return changes.get(0);
    }

    /**
     * Ranks 4, 5, 6 for the candidate: of the C(6, 3) = 20 equally likely splits of six runs
     * of an unchanged program only this one gives it a rank sum of 15, so p = 1/20.
     */
    @Test
    void threeCandidateRunsAboveThreeBaselineRunsRankAtOneInTwentyAndRegress() {
        MetricChange c = only(TraceDiff.compare(runs(1.0, 1.5, 2.0), runs(4.0, 5.0, 6.0), 20,
                List.of()));
        assertEquals(0.05, c.pValue(), 1e-12);
        assertEquals(1.5, c.baseline());
        assertEquals(5.0, c.candidate());
        assertEquals(List.of(1.0, 1.5, 2.0), c.baselineRuns());
        assertTrue(c.regressed());
    }

    /**
     * Candidate ranks 3, 5, 6 (sum 14): the splits reaching 14 are {4,5,6} and {3,5,6}, 2 of
     * 20, p = 0.10: the medians rose 150%, but one baseline run above a candidate run is
     * within what chance gives, so no regression.
     */
    @Test
    void oneBaselineRunAboveACandidateRunIsWithinChanceAtThreeRunsASide() {
        MetricChange c = only(TraceDiff.compare(runs(1.0, 2.0, 4.0), runs(3.0, 5.0, 6.0), 20,
                List.of()));
        assertEquals(0.10, c.pValue(), 1e-12);
        assertEquals(150.0, c.changePct(), 1e-9);
        assertFalse(c.regressed());
    }

    @Test
    void twoRunsASideCanNeverRankBeyondChanceAndAreAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> TraceDiff.compare(
                runs(1.0, 1.1), runs(5.0, 6.0), 20, List.of()));
        assertTrue(e.getMessage().contains("at least 3 runs a side"), e.getMessage());
    }

    @Test
    void oneTraceASideComparesTheTwoValuesWithoutARankTest() {
        MetricChange c = only(TraceDiff.compare(runs(1.0), runs(2.5), 20, List.of()));
        assertNull(c.pValue());
        assertTrue(c.regressed());
        assertFalse(only(TraceDiff.compare(runs(1.0), runs(1.9), 20, List.of())).regressed(),
                "0.9 percentage points are under the 1 point floor");
    }

    /**
     * zstd's runs 3 and 6 of testdata/noise: 54 and 55 mmap calls, the second run 46.5 ms
     * long instead of 84.9 ms, so 127.2 against 236.3 calls a thread-second. The rate rose
     * 86%, the calls 2%: a faster run, not more mmap. Twice the calls do regress.
     */
    @Test
    void aRateRegressesOnlyWhenTheCallsRiseTooNotWhenTheRunIsShorter() {
        String name = "syscall.mmap";
        Map<String, Metric> before = Map.of(name, new Metric(name, 127.2,
                Metric.Unit.PER_SECOND, 54, 0));
        Map<String, Metric> faster = Map.of(name, new Metric(name, 236.3,
                Metric.Unit.PER_SECOND, 55, 0));
        Map<String, Metric> more = Map.of(name, new Metric(name, 236.3,
                Metric.Unit.PER_SECOND, 110, 0));
        assertFalse(only(TraceDiff.compare(before, faster, 20, List.of())).regressed());
        assertTrue(only(TraceDiff.compare(before, more, 20, List.of())).regressed());
    }

    @Test
    void aPercentileOfTooFewWaitsInAnyRunDecidesNothing() {
        String name = "wait.p99";
        List<Map<String, Metric>> base = List.of(1e6, 1.1e6, 1.2e6).stream().map(v -> Map.of(
                name, new Metric(name, v, Metric.Unit.NS, 5000, 1000))).toList();
        List<Map<String, Metric>> enough = List.of(5e6, 6e6, 7e6).stream().map(v -> Map.of(
                name, new Metric(name, v, Metric.Unit.NS, 5000, 1000))).toList();
        List<Map<String, Metric>> oneShort = List.of(
                Map.of(name, new Metric(name, 5e6, Metric.Unit.NS, 5000, 1000)),
                Map.of(name, new Metric(name, 6e6, Metric.Unit.NS, 999, 1000)),
                Map.of(name, new Metric(name, 7e6, Metric.Unit.NS, 5000, 1000)));
        assertTrue(only(TraceDiff.compare(base, enough, 20, List.of())).regressed());
        assertFalse(only(TraceDiff.compare(base, oneShort, 20, List.of())).regressed());
    }
}
