package dev.ptrace.analyze.report;

import dev.ptrace.analyze.analysis.chains.ChainAnalysis;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Puts the {@link TraceReport} of a trace together: its own queries and the facade's results. */
public final class TraceReports {
    private static final String OVERVIEW = TextResource.load("/sql/report/trace_overview.sql");
    private static final String EVENTS = TextResource.load("/sql/report/events_by_name.sql");
    private static final String SKIPPED = TextResource.load("/sql/report/skipped_by_reason.sql");
    private static final String UNMATCHED = TextResource.load("/sql/report/unmatched.sql");
    private static final String BPFTRACE = TextResource.load("/sql/report/bpftrace_output.sql");
    private static final String COVERAGE = TextResource.load("/sql/report/blame_coverage.sql");

    private TraceReports() {
    }

    /**
     * The report of a trace from what the facade worked out: its walk (chains and where the
     * waiting went), findings, inversions and contention by caller ({@code pid} and {@code tid},
     * null: all, narrow the lock waits).
     */
    public static TraceReport of(Connection conn, int traceId, Integer pid, Integer tid,
                                 ChainAnalysis walked, List<Finding> findings,
                                 List<Inversion> inversions, PerfLockContention.Result contention)
            throws SQLException {
        return new TraceReport(traceId, overview(conn, traceId), findings,
                rows(conn, EVENTS, traceId, rs -> new TraceReport.EventCount(
                        rs.getLong("events"), rs.getString("event"), rs.getString("table_name"))),
                rows(conn, BPFTRACE, traceId, rs -> new TraceReport.OutputCount(rs.getLong("n"),
                        rs.getString("what"))),
                rows(conn, SKIPPED, traceId, rs -> new TraceReport.Skipped(rs.getLong("value"),
                        rs.getString("name"), optionalLong(rs, "first_line"))),
                rows(conn, UNMATCHED, traceId, rs -> new TraceReport.Unmatched(rs.getLong("n"),
                        rs.getString("what"), optionalLong(rs, "ns"),
                        rs.getString("meaning"))),
                contention, pid, tid,
                rows(conn, COVERAGE, traceId,
                        rs -> new TraceReport.Coverage(rs.getString(1), rs.getLong(2),
                                rs.getLong(3), rs.getLong(4), rs.getLong(5))),
                walked.cells(), inversions, walked.chains());
    }

    private static TraceReport.Overview overview(Connection conn, int traceId)
            throws SQLException {
        return Query.first(conn, OVERVIEW, rs -> new TraceReport.Overview(rs.getString("source"),
                rs.getString("format"), rs.getString("os_release"), rs.getInt("nrcpus"),
                rs.getLong("events"), rs.getLong("lines"), rs.getLong("stacks"),
                rs.getLong("threads"), rs.getLong("processes"), optionalLong(rs, "first_ts"),
                rs.getLong("last_ts"), rs.getLong("span_ns"), rs.getLong("skipped_lines"),
                rs.getLong("lost_events"), rs.getLong("records"), rs.getString("kernel_symbols"),
                rs.getString("unnamed_frames")), traceId);
    }

    /** A BIGINT (or a sum of them) that may be NULL. */
    private static Long optionalLong(ResultSet rs, String column) throws SQLException {
        Object v = rs.getObject(column);
        return v == null ? null : ((Number) v).longValue();
    }

    private interface Row<T> {
        T of(ResultSet rs) throws SQLException;
    }

    /** The rows of a query of one trace ($1). */
    private static <T> List<T> rows(Connection conn, String sql, int traceId, Row<T> row)
            throws SQLException {
        List<T> out = new ArrayList<>();
        Query.forEach(conn, sql, rs -> out.add(row.of(rs)), traceId);
        return out;
    }
}
