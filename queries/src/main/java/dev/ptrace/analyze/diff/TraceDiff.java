package dev.ptrace.analyze.diff;

import dev.ptrace.analyze.query.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Compares the metrics of a baseline and a candidate. A metric regresses when the candidate's
 * value exceeds the baseline's by more than the allowed percentage and by at least its unit's
 * floor; a wait percentile needs enough waits in every run, and a rate (calls a thread-second)
 * needs the calls themselves to rise as much, not only the run to be shorter (run-to-run noise
 * of real programs is larger than that: docs/ci.md). With several runs a side the values
 * compared are the medians, and the runs must also rank the candidate above the baseline beyond
 * chance: the one-sided Mann-Whitney U test's p-value at most {@link #SIGNIFICANCE}, which
 * takes at least 3 runs a side (3 against 3 reach 0.05 only when every candidate run is above
 * every baseline run).
 */
public final class TraceDiff {
    /** The chance of a false alarm accepted per metric. */
    public static final double SIGNIFICANCE = 0.05;
    /** Runs a side below which no ranking of the runs is significant. */
    public static final int MIN_RUNS = 3;
    private static final MannWhitneyUTest RANK_TEST = MannWhitneyUTest.withDefaults()
            .with(AlternativeHypothesis.GREATER_THAN);

    private TraceDiff() {
    }

    /** One trace against one. */
    public static List<MetricChange> compare(Map<String, Metric> baseline,
                                             Map<String, Metric> candidate,
                                             double maxRegressionPct, List<String> prefixes) {
        return compare(List.of(baseline), List.of(candidate), maxRegressionPct, prefixes);
    }

    /**
     * The changes, regressions first, then by size of change; {@code prefixes} (empty: all)
     * selects metrics by name prefix, e.g. wait.lock: or syscall.
     *
     * @throws UsageException when a side has several runs but either has fewer than
     *     {@link #MIN_RUNS}
     */
    public static List<MetricChange> compare(List<Map<String, Metric>> baselineRuns,
                                             List<Map<String, Metric>> candidateRuns,
                                             double maxRegressionPct, List<String> prefixes) {
        boolean ofRuns = baselineRuns.size() > 1 || candidateRuns.size() > 1;
        if (ofRuns && Math.min(baselineRuns.size(), candidateRuns.size()) < MIN_RUNS) {
            throw new UsageException("several runs are compared by their ranks, which needs "
                    + "at least " + MIN_RUNS + " runs a side (" + baselineRuns.size()
                    + " baseline, " + candidateRuns.size() + " candidate): fewer can never "
                    + "rank a rise beyond chance");
        }
        Set<String> names = new LinkedHashSet<>();
        baselineRuns.forEach(r -> names.addAll(r.keySet()));
        candidateRuns.forEach(r -> names.addAll(r.keySet()));
        List<MetricChange> out = new ArrayList<>();
        for (String name : names) {
            if (prefixes.isEmpty() || prefixes.stream().anyMatch(name::startsWith)) {
                out.add(change(name, baselineRuns, candidateRuns, maxRegressionPct, ofRuns));
            }
        }
        out.sort(Comparator.comparing((MetricChange m) -> !m.regressed())
                .thenComparing(m -> -Math.abs(m.candidate() - m.baseline())
                        / Math.max(m.unit().floor, Math.max(m.baseline(), m.candidate())))
                .thenComparing(MetricChange::name));
        return out;
    }

    private static MetricChange change(String name, List<Map<String, Metric>> baselineRuns,
                                       List<Map<String, Metric>> candidateRuns,
                                       double maxRegressionPct, boolean ofRuns) {
        List<Metric> base = baselineRuns.stream().map(r -> r.get(name)).toList();
        List<Metric> cand = candidateRuns.stream().map(r -> r.get(name)).toList();
        Metric.Unit unit = Stream.concat(base.stream(), cand.stream())
                .filter(Objects::nonNull).findFirst().orElseThrow().unit();
        double[] b = values(base);
        double[] c = values(cand);
        double bv = median(b);
        double cv = median(c);
        Double p = ofRuns ? RANK_TEST.test(c, b).getPValue() : null;
        boolean decides = base.stream().allMatch(m -> m == null || m.decides())
                && cand.stream().allMatch(m -> m == null || m.decides());
        boolean rose = cv - bv >= unit.floor && cv > bv * (1 + maxRegressionPct / 100)
                && (unit != Metric.Unit.PER_SECOND || median(counts(cand))
                        > median(counts(base)) * (1 + maxRegressionPct / 100));
        boolean regressed = decides && rose && (p == null || p <= SIGNIFICANCE);
        Double changePct = bv == 0 ? null : 100.0 * (cv - bv) / bv;
        return new MetricChange(name, unit, bv, cv, changePct, regressed, boxed(b), boxed(c), p);
    }

    private static double[] values(List<Metric> runs) {
        return runs.stream().mapToDouble(m -> m == null ? 0 : m.value()).toArray();
    }

    private static double[] counts(List<Metric> runs) {
        return runs.stream().mapToDouble(m -> m == null ? 0 : m.samples()).toArray();
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
