package dev.ptrace.analyze.check;

/**
 * A check rule: named SQL over the documented tables ({@code $1} is the trace id) returning a
 * {@code value} and an {@code evidence} column per row; the rule fails on a trace when a row's
 * value exceeds the threshold. A warning does not fail the check.
 *
 * @param source where the rule was read from: a built-in resource or the user's file
 */
public record Rule(String name, String description, Severity severity, Threshold threshold,
                   boolean enabled, String sql, String source) {

    public enum Severity { ERROR, WARNING }

    public Rule withThreshold(Threshold t) {
        return new Rule(name, description, severity, t, enabled, sql, source);
    }

    public Rule disabled() {
        return new Rule(name, description, severity, threshold, false, sql, source);
    }
}
