package dev.ptrace.analyze.check;

import java.util.List;

/**
 * A rule on one trace: passed, failed (rows above the threshold), or could not run (its SQL
 * failed: the message says why).
 *
 * @param rows     the rows above the threshold, the largest value first (at most SHOWN)
 * @param failures how many rows were above the threshold in all
 * @param worst    the largest value of any row, or null when the query gave none
 * @param query    the rule's SQL with this trace's id, to rerun with the sql command
 */
public record RuleResult(Rule rule, int traceId, String traceSource, Status status,
                         List<Row> rows, long failures, Double worst, String query,
                         String error) {
    /** Rows of evidence a result keeps. */
    public static final int SHOWN = 10;

    public enum Status { PASS, FAIL, ERROR }

    /** A row of the rule's query: its value and evidence. */
    public record Row(double value, String evidence) {
    }

    /** Whether this result makes the check fail: a failed or broken rule of severity error. */
    public boolean failsCheck() {
        return status != Status.PASS && rule.severity() == Rule.Severity.ERROR;
    }
}
