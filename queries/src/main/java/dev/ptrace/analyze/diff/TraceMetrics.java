package dev.ptrace.analyze.diff;

import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.contention.ContentionRow;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics of one trace (sql/diff/metrics.sql, plus the waiting per perf caller and the
 * time lost to priority inversions), by name.
 */
public final class TraceMetrics {
    private static final String THREAD_TIME_SQL = TextResource.load("/sql/diff/thread_time.sql");
    private static final String SQL = TextResource.load("/sql/diff/metrics.sql");

    private TraceMetrics() {
    }

    /**
     * The metrics of a trace whose inversions are {@code inversions} and whose contention by
     * caller with perf's defaults is {@code callers}.
     */
    public static Map<String, Metric> of(Connection conn, int traceId, List<Inversion> inversions,
                                         PerfLockContention.Result callers)
            throws SQLException {
        Map<String, Metric> out = new LinkedHashMap<>();
        Query.forEach(conn, SQL, rs -> {
            Metric m = new Metric(rs.getString(1), rs.getDouble(2),
                    Metric.Unit.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                    rs.getLong(4), rs.getObject(5) == null ? -1 : rs.getLong(5));
            out.put(m.name(), m);
        }, traceId);
        Double thread = Query.first(conn, THREAD_TIME_SQL, rs -> rs.getDouble(1), traceId);
        double threadNs = thread == null ? 1 : thread;
        for (ContentionRow r : callers.rows()) {
            String name = "wait.caller:" + r.label();
            double pct = 100.0 * r.totalNs() / threadNs;
            out.merge(name, new Metric(name, pct, Metric.Unit.PERCENT),
                    (a, b) -> new Metric(name, a.value() + b.value(), a.unit()));
        }
        long lost = inversions.stream().mapToLong(Inversion::lostNs).sum();
        out.put("inversion.lost", new Metric("inversion.lost", 100.0 * lost / threadNs,
                Metric.Unit.PERCENT));
        return out;
    }
}
