package dev.ptrace.analyze.fleet;

import dev.ptrace.analyze.diff.Metric;
import java.time.LocalDate;

/** A row of a metrics query: one metric of one trace, and where that trace is filed. */
public record MetricRow(String traceId, LocalDate date, String host, String osRelease,
                        String toolVersion, String source, Metric metric) {
}
