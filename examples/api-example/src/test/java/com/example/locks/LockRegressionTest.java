package com.example.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.check.RuleSet;
import dev.ptrace.analyze.diff.MetricChange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a team guards against a lock regression with the Java API: a performance test records
 * a trace (here: the traces in testdata), and these tests read it.
 */
class LockRegressionTest {
    private static final Path TRACES = Path.of("../../testdata/traces");
    private static final Path FIXED = TRACES.resolve("perf-churn-threshold128k.txt.gz");
    private static final Path DYNAMIC = TRACES.resolve("perf-churn-dynamic.txt.gz");

    @Test
    void builtInRulesPassOnTheDynamicThresholdAndFailOnTheFixedOne() throws Exception {
        try (TraceAnalysis good = TraceAnalysis.ofFiles(DYNAMIC)) {
            TraceAnalysis.CheckResult check = good.check(RuleSet.builtIn());
            assertTrue(check.passed(), check.summary());
        }
        try (TraceAnalysis bad = TraceAnalysis.ofFiles(FIXED)) {
            TraceAnalysis.CheckResult check = bad.check(RuleSet.builtIn()
                    .withThreshold("lock-wait-share", "80%"));
            assertFalse(check.passed());
            assertTrue(check.summary().contains("malloc-mmap-churn"), check.summary());
        }
    }

    @Test
    void theFirstFindingSaysWhatToChange() throws Exception {
        try (TraceAnalysis a = TraceAnalysis.ofFiles(FIXED)) {
            Finding first = a.findings(1).get(0);
            assertEquals("mmap-threshold", first.scenario());
            assertEquals(2L << 20, first.figures().get("recommended_threshold"));
        }
    }

    @Test
    void namedQueriesAndPlainSqlOverTheTables() throws Exception {
        try (TraceAnalysis a = TraceAnalysis.ofFiles(FIXED)) {
            List<Map<String, Object>> byLock = a.namedQuery("waits_by_lock", 1);
            assertEquals("mmap_lock", byLock.get(0).get("lock"));
            List<Map<String, Object>> calls = a.query("SELECT count(*) AS n FROM syscalls "
                    + "WHERE trace_id = $1 AND name = 'munmap' AND phase = 'enter'", 1);
            assertEquals(1061L, ((Number) calls.get(0).get("n")).longValue());
        }
    }

    @Test
    void comparingABaselineWithACandidateNamesTheRegressions() throws Exception {
        try (TraceAnalysis a = TraceAnalysis.ofFiles(DYNAMIC, FIXED)) {
            List<String> regressed = a.diff(1, 2, 20).stream().filter(MetricChange::regressed)
                    .map(MetricChange::name).toList();
            assertTrue(regressed.contains("wait.lock:mmap_lock"), regressed.toString());
            assertTrue(a.diff(2, 1, 20).stream().noneMatch(MetricChange::regressed));
        }
    }
}
