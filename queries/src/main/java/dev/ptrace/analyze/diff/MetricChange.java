package dev.ptrace.analyze.diff;

import java.util.List;

/**
 * A metric in the baseline and the candidate, and whether it is a regression. With one run a
 * side, {@code baseline} and {@code candidate} are the two values; with several, their medians,
 * each run's value in {@code baselineRuns} and {@code candidateRuns} (0 where a run lacks the
 * metric) and {@code pValue}, how likely runs of an unchanged program rank the candidate's this
 * high ({@link TraceDiff}). {@code changePct}: the change in percent of the baseline, null when
 * the baseline is 0.
 */
public record MetricChange(String name, Metric.Unit unit, double baseline, double candidate,
                           Double changePct, boolean regressed, List<Double> baselineRuns,
                           List<Double> candidateRuns, Double pValue) {
    public MetricChange {
        baselineRuns = List.copyOf(baselineRuns);
        candidateRuns = List.copyOf(candidateRuns);
    }

    /** Whether several runs a side were compared. */
    public boolean ofRuns() {
        return pValue != null;
    }
}
