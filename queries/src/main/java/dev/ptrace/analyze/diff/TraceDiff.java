package dev.ptrace.analyze.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the metrics of two traces: a metric regresses when the candidate's value exceeds
 * the baseline's by more than the allowed percentage and by at least its unit's floor, and,
 * for a wait percentile, both are taken of enough waits (run-to-run noise of real programs
 * is larger than that: docs/ci.md).
 */
public final class TraceDiff {
    private TraceDiff() {
    }

    /**
     * The changes, regressions first, then by size of change; {@code prefixes} (empty: all)
     * selects metrics by name prefix, e.g. wait.lock: or syscall.
     */
    public static List<MetricChange> compare(Map<String, Metric> baseline,
                                             Map<String, Metric> candidate,
                                             double maxRegressionPct, List<String> prefixes) {
        Set<String> names = new LinkedHashSet<>(baseline.keySet());
        names.addAll(candidate.keySet());
        List<MetricChange> out = new ArrayList<>();
        for (String name : names) {
            if (!prefixes.isEmpty() && prefixes.stream().noneMatch(name::startsWith)) {
                continue;
            }
            Metric b = baseline.get(name);
            Metric c = candidate.get(name);
            Metric.Unit unit = (b != null ? b : c).unit();
            double bv = b == null ? 0 : b.value();
            double cv = c == null ? 0 : c.value();
            Double change = bv == 0 ? null : 100.0 * (cv - bv) / bv;
            boolean decides = (b == null || b.decides()) && (c == null || c.decides());
            boolean regressed = decides && cv - bv >= unit.floor
                    && cv > bv * (1 + maxRegressionPct / 100);
            out.add(new MetricChange(name, unit, bv, cv, change, regressed));
        }
        out.sort(Comparator.comparing((MetricChange m) -> !m.regressed())
                .thenComparing(m -> -Math.abs(m.candidate() - m.baseline())
                        / Math.max(m.unit().floor, Math.max(m.baseline(), m.candidate())))
                .thenComparing(MetricChange::name));
        return out;
    }
}
