package dev.ptrace.analyze.report;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import dev.ptrace.analyze.analysis.causes.CauseTaxonomy;
import dev.ptrace.analyze.analysis.chains.ChainAnalysis;
import dev.ptrace.analyze.analysis.chains.InversionFinder;
import dev.ptrace.analyze.analysis.contention.ContentionKey;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.analysis.findings.Findings;
import dev.ptrace.analyze.knowledge.TextResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Works out the {@link TraceReport} of a trace: each analysis run once. */
public final class TraceReports {
    private static final String OVERVIEW = TextResource.load("/sql/report/trace_overview.sql");
    private static final String EVENTS = TextResource.load("/sql/report/events_by_name.sql");
    private static final String SKIPPED = TextResource.load("/sql/report/skipped_by_reason.sql");
    private static final String UNMATCHED = TextResource.load("/sql/report/unmatched.sql");
    private static final String BPFTRACE = TextResource.load("/sql/report/bpftrace_output.sql");
    private static final String COVERAGE = TextResource.load("/sql/report/blame_coverage.sql");

    private TraceReports() {
    }

    /** The report of a trace; {@code pid} and {@code tid} (null: all) narrow the lock waits. */
    public static TraceReport of(Connection conn, int traceId, Integer pid, Integer tid)
            throws SQLException {
        ChainAnalysis walked = ChainAnalysis.of(conn, traceId,
                new CauseClassifier(CauseTaxonomy.shipped()));
        return new TraceReport(traceId, overview(conn, traceId),
                Findings.of(conn, traceId, walked.chains()),
                rows(conn, EVENTS, traceId, rs -> new TraceReport.EventCount(
                        rs.getLong("events"), rs.getString("event"), rs.getString("table_name"))),
                rows(conn, BPFTRACE, traceId, rs -> new TraceReport.OutputCount(rs.getLong("n"),
                        rs.getString("what"))),
                rows(conn, SKIPPED, traceId, rs -> new TraceReport.Skipped(rs.getLong("value"),
                        rs.getString("name"), optionalLong(rs, "first_line"))),
                rows(conn, UNMATCHED, traceId, rs -> new TraceReport.Unmatched(rs.getLong("n"),
                        rs.getString("what"), optionalLong(rs, "ns"),
                        rs.getString("meaning"))),
                PerfLockContention.run(conn, traceId,
                        PerfLockContention.Options.perfDefaults(ContentionKey.CALLER)
                                .forProcess(pid, tid)), pid, tid,
                rows(conn, COVERAGE, traceId,
                        rs -> new TraceReport.Coverage(rs.getString(1), rs.getLong(2),
                                rs.getLong(3), rs.getLong(4), rs.getLong(5))),
                walked.cells(), InversionFinder.find(conn, traceId, walked.chains()),
                walked.chains());
    }

    private static TraceReport.Overview overview(Connection conn, int traceId)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(OVERVIEW)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new TraceReport.Overview(rs.getString("source"), rs.getString("format"),
                        rs.getString("os_release"), rs.getInt("nrcpus"), rs.getLong("events"),
                        rs.getLong("lines"), rs.getLong("stacks"), rs.getLong("threads"),
                        rs.getLong("processes"), optionalLong(rs, "first_ts"),
                        rs.getLong("last_ts"), rs.getLong("span_ns"), rs.getLong("skipped_lines"),
                        rs.getLong("lost_events"), rs.getLong("records"),
                        rs.getString("kernel_symbols"), rs.getString("unnamed_frames"));
            }
        }
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
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.of(rs));
                }
            }
        }
        return out;
    }
}
