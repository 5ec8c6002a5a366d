package dev.ptrace.analyze.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.check.RuleSet;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each derivation runs at most once per trace per command, counted through the facade: the
 * report, then the check rules and a diff on the same facade, reuse what the report worked
 * out (the report once rebuilt chains and findings, and perf's contention ran for the report
 * and again for diff).
 */
class DerivationRunsTest {
    @TempDir
    Path dir;

    @Test
    void theReportWorksOutEachResultOnceAndCheckAndDiffReuseIt() throws Exception {
        try (TraceAnalysis a = TraceAnalysis.ofFiles(TestData.trace("perf-inversion.txt.gz"))) {
            a.report(1);
            Map<String, Integer> afterReport = Map.of("walk@1", 1, "findings@1", 1,
                    "inversions@1", 1, "contention@1", 1);
            assertEquals(afterReport, a.derivations().runs());
            a.check(RuleSet.builtIn());
            a.diff(1, 1, 20);
            a.report(1);
            assertEquals(afterReport, a.derivations().runs(), "nothing ran again");
        }
    }

    @Test
    void checkOverADatabaseBuildsChainsFindingsAndInversionsOncePerTrace() throws Exception {
        Path db = dir.resolve("t.duckdb");
        try (Workspace w = Workspace.create(db)) {
            w.ingest(TestData.trace("perf-inversion.txt.gz").toString(), true);
            w.ingest(TestData.trace("perf-munmap.txt.gz").toString(), true);
        }
        try (TraceAnalysis a = TraceAnalysis.ofDatabase(db)) {
            a.check(RuleSet.builtIn());
            a.check(RuleSet.builtIn());
            // no built-in rule reads the chains tables: perf-munmap (one priority, so no
            // inversion possible) never builds its chains
            assertEquals(Map.of("chains@1", 1, "findings@1", 1, "inversions@1", 1,
                    "findings@2", 1, "inversions@2", 1),
                    a.derivations().runs());
        }
    }

    @Test
    void aDiffComputesEachTracesInversionsAndContentionOnce() throws Exception {
        try (TraceAnalysis a = TraceAnalysis.ofFiles(TestData.trace("perf-inversion.txt.gz"),
                TestData.trace("perf-munmap.txt.gz"))) {
            a.diff(1, 2, 20);
            a.diff(2, 1, 20);
            // perf-munmap's threads run at one priority: no inversion is possible, so its
            // chains are never built
            assertEquals(Map.of("chains@1", 1, "inversions@1", 1, "contention@1", 1,
                    "inversions@2", 1, "contention@2", 1),
                    a.derivations().runs());
        }
    }
}
