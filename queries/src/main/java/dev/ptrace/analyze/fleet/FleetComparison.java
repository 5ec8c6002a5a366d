package dev.ptrace.analyze.fleet;

import dev.ptrace.analyze.diff.DiffReports;
import dev.ptrace.analyze.diff.Metric;
import dev.ptrace.analyze.diff.MetricChange;
import dev.ptrace.analyze.diff.TraceDiff;
import dev.ptrace.analyze.query.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two sets of runs of a lake compared metric by metric, as {@code diff --baseline ...
 * --candidate ...} compares them ({@link TraceDiff}: one run a side compared as they are,
 * several by the rank test); the rows are a metrics query's, from either engine.
 */
public record FleetComparison(DiffReports.Sides sides, List<MetricChange> changes) {
    /** Compares the runs of {@code rows} that each side names. */
    public static FleetComparison of(List<MetricRow> rows, FleetSide baseline,
                                     FleetSide candidate, double maxRegressionPct,
                                     List<String> prefixes) {
        Map<String, Map<String, Metric>> base = runs(rows, baseline);
        Map<String, Map<String, Metric>> cand = runs(rows, candidate);
        List<String> both = base.keySet().stream().filter(cand::containsKey).toList();
        if (!both.isEmpty()) {
            throw new UsageException("trace " + both.get(0) + " is in both the baseline ("
                    + baseline.spec() + ") and the candidate (" + candidate.spec() + ")");
        }
        return new FleetComparison(new DiffReports.Sides(labels(rows, base),
                labels(rows, cand), maxRegressionPct), TraceDiff.compare(
                        List.copyOf(base.values()), List.copyOf(cand.values()),
                        maxRegressionPct, prefixes));
    }

    /** The metrics of each trace the side names, by trace id in the rows' order. */
    private static Map<String, Map<String, Metric>> runs(List<MetricRow> rows, FleetSide side) {
        Map<String, Map<String, Metric>> runs = new LinkedHashMap<>();
        for (MetricRow r : rows) {
            if (side.test().test(r)) {
                runs.computeIfAbsent(r.traceId(), k -> new LinkedHashMap<>())
                        .put(r.metric().name(), r.metric());
            }
        }
        if (runs.isEmpty()) {
            throw new UsageException("no trace of the lake matches '" + side.spec() + "'");
        }
        return runs;
    }

    /** A run's label: its source and trace id, as the lake files it. */
    private static List<String> labels(List<MetricRow> rows, Map<String, ?> runs) {
        Map<String, String> sources = new LinkedHashMap<>();
        rows.forEach(r -> sources.putIfAbsent(r.traceId(), r.source()));
        List<String> out = new ArrayList<>();
        runs.keySet().forEach(id -> out.add(sources.get(id) + " (" + id + ")"));
        return out;
    }
}
