package dev.ptrace.analyze.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule's parameters are bound by name: $trace_id (or $1) is the trace; any other parameter
 * is an error of the rule, where pasting the rule into the outcome query used to hand $2 the
 * threshold and $3 the number of rows shown.
 */
class RuleParametersTest {
    @TempDir
    Path dir;

    private RuleResult run(String body) throws Exception {
        Path rule = dir.resolve("r.sql");
        Files.writeString(rule, """
                -- rule: r
                -- description: a rule of this test
                -- severity: error
                -- threshold: 5
                """ + body);
        try (TraceAnalysis a = TraceAnalysis.ofFiles(TestData.trace("perf-inversion.txt.gz"))) {
            return a.check(RuleSet.empty().withFile(rule)).results().get(0);
        }
    }

    @Test
    void aRuleUsingParameterTwoIsAnErrorNotTheThreshold() throws Exception {
        RuleResult r = run("SELECT $2 AS value, 'x' AS evidence");
        assertEquals(RuleResult.Status.ERROR, r.status());
        assertEquals("unknown parameter $2: a rule can use $trace_id (or $1)", r.error());
    }

    @Test
    void traceIdByNameAndByNumberAreTheTraceAndTextInQuotesIsNoParameter() throws Exception {
        // perf-inversion is the only trace: id 1; the value 1 + 1 + 0 is not above 5: a pass
        RuleResult r = run("SELECT $trace_id + $1 + length('$2') - 2 AS value, '$3' AS evidence"
                + " -- $4 in a comment");
        assertEquals(RuleResult.Status.PASS, r.status(), String.valueOf(r.error()));
        assertEquals(2.0, r.worst());
        String shown = r.query().strip();
        assertEquals("SELECT 1 + 1 + length('$2') - 2 AS value, '$3' AS evidence"
                + " -- $4 in a comment", shown.substring(shown.lastIndexOf('\n') + 1));
    }
}
