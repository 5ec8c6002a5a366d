package dev.ptrace.analyze.diff;

import dev.ptrace.analyze.store.RowOf;
import dev.ptrace.analyze.store.TableRows;
import dev.ptrace.analyze.store.Tables;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A row of {@code metrics}: one metric diff compares, of one trace. */
@RowOf("metrics")
public record MetricTableRow(int traceId, String name, double value, String unit, long samples,
                             long minSamples) {
    public static final TableRows<MetricTableRow> ROWS = TableRows.of(Tables.METRICS,
            MetricTableRow.class);

    /** A trace's metrics, in the order diff worked them out. */
    public static List<MetricTableRow> of(int traceId, Map<String, Metric> metrics) {
        return metrics.values().stream().map(m -> new MetricTableRow(traceId, m.name(),
                m.value(), m.unit().name().toLowerCase(Locale.ROOT), m.samples(),
                m.minSamples())).toList();
    }
}
