package dev.ptrace.analyze.api;

import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.findings.Findings;
import dev.ptrace.analyze.check.RuleEvaluator;
import dev.ptrace.analyze.check.RuleResult;
import dev.ptrace.analyze.check.RuleSet;
import dev.ptrace.analyze.diff.MetricChange;
import dev.ptrace.analyze.diff.TraceDiff;
import dev.ptrace.analyze.diff.TraceMetrics;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.report.TraceReport;
import dev.ptrace.analyze.report.TraceReports;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java API: what the command line does, inside a user's own tests. Open trace files (read
 * into an in-memory database) or a database of stored traces, then query the tables, read the
 * findings, run the check rules or compare two traces.
 *
 * <pre>{@code
 * try (TraceAnalysis a = TraceAnalysis.ofFiles(Path.of("trace.txt.gz"))) {
 *     CheckResult check = a.check(RuleSet.builtIn());
 *     assertTrue(check.passed(), check.summary());
 * }
 * }</pre>
 */
public final class TraceAnalysis implements AutoCloseable {
    private final Workspace workspace;

    private TraceAnalysis(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Reads trace files (perf script, ftrace, trace-cmd or bpftrace text; .gz too). */
    public static TraceAnalysis ofFiles(Path... files) {
        Workspace w = Workspace.create(null);
        try {
            for (Path f : files) {
                w.ingest(f.toString(), false);
            }
            return new TraceAnalysis(w);
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** Opens a database written by {@code ptrace-analyze ingest --db}. */
    public static TraceAnalysis ofDatabase(Path db) {
        return new TraceAnalysis(Workspace.existing(db));
    }

    /** The traces, in ingest order (traces.trace_id). */
    public List<Integer> traceIds() throws SQLException {
        return workspace.traceIds();
    }

    /** Rows of any SQL over the tables of docs/schema.md; {@code params} bind $1, $2, ... */
    public List<Map<String, Object>> query(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = workspace.connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        row.put(md.getColumnLabel(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /**
     * A named query of the trace: waits_by_lock, longest_holds, waiting_by_blocker (the
     * .sql files under /queries in the jar).
     */
    public List<Map<String, Object>> namedQuery(String name, int traceId) throws SQLException {
        if (!name.matches("[a-z_]+")) {
            throw new UsageException("no named query '" + name + "'");
        }
        String sql;
        try {
            sql = TextResource.load("/sql/queries/" + name + ".sql");
        } catch (IllegalStateException e) {
            throw new UsageException("no named query '" + name + "'");
        }
        return query(sql, traceId);
    }

    /**
     * The report of a trace, worked out once: what was ingested, the findings, the top lock
     * waits, who held the locks, where the waiting went, the inversions and the wait chains
     * (what {@code ptrace-analyze FILE} prints).
     */
    public TraceReport report(int traceId) throws SQLException {
        return TraceReports.of(workspace.connection(), traceId, null, null);
    }

    /** The findings of a trace, the largest predicted saving first. */
    public List<Finding> findings(int traceId) throws SQLException {
        return Findings.of(workspace.connection(), traceId);
    }

    /** Runs rules on every trace. */
    public CheckResult check(RuleSet rules) throws SQLException {
        return new CheckResult(RuleEvaluator.evaluate(workspace.connection(), traceIds(),
                rules));
    }

    /** The metrics of two traces compared; a regression is a rise beyond the percentage. */
    public List<MetricChange> diff(int baseline, int candidate, double maxRegressionPct)
            throws SQLException {
        return TraceDiff.compare(TraceMetrics.of(workspace.connection(), baseline),
                TraceMetrics.of(workspace.connection(), candidate), maxRegressionPct,
                List.of());
    }

    @Override
    public void close() {
        workspace.close();
    }

    /** The results of a check: passed when no rule of severity error failed. */
    public record CheckResult(List<RuleResult> results) {
        public boolean passed() {
            return results.stream().noneMatch(RuleResult::failsCheck);
        }

        /** The failed rules, one line each: rule, trace, worst value and threshold. */
        public String summary() {
            StringBuilder s = new StringBuilder();
            for (RuleResult r : results) {
                if (r.status() != RuleResult.Status.PASS) {
                    s.append(r.rule().name()).append(" on ").append(r.traceSource())
                            .append(": ").append(r.status()).append(", worst ")
                            .append(r.worst() == null ? "-" : r.rule().threshold()
                                    .format(r.worst())).append(" > ")
                            .append(r.rule().threshold().text()).append('\n');
                }
            }
            return s.length() == 0 ? "all rules passed" : s.toString();
        }
    }
}
