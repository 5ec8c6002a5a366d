package dev.ptrace.analyze.diff;

/**
 * A metric in the baseline and the candidate (0 where a trace lacks it), the change in
 * percent of the baseline (null when the baseline is 0), and whether it is a regression.
 */
public record MetricChange(String name, Metric.Unit unit, double baseline, double candidate,
                           Double changePct, boolean regressed) {
}
