package dev.ptrace.analyze.api;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import dev.ptrace.analyze.analysis.causes.CauseTaxonomy;
import dev.ptrace.analyze.analysis.chains.Attribution;
import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.chains.InversionFinder;
import dev.ptrace.analyze.analysis.chains.WaitChainBuilder;
import dev.ptrace.analyze.analysis.contention.ContentionKey;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.check.AnalysisTables;
import dev.ptrace.analyze.check.RuleEvaluator;
import dev.ptrace.analyze.check.RuleResult;
import dev.ptrace.analyze.check.RuleSet;
import dev.ptrace.analyze.diff.Metric;
import dev.ptrace.analyze.diff.MetricChange;
import dev.ptrace.analyze.diff.TraceDiff;
import dev.ptrace.analyze.export.FoldedStacks;
import dev.ptrace.analyze.export.PerfettoExport;
import dev.ptrace.analyze.export.PprofExport;
import dev.ptrace.analyze.export.TableExport;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.lake.LakePlacement;
import dev.ptrace.analyze.lake.LakeTrace;
import dev.ptrace.analyze.lake.LakeWriter;
import dev.ptrace.analyze.query.QueryRunner;
import dev.ptrace.analyze.query.RowWriter;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.report.ReportPictures;
import dev.ptrace.analyze.report.TraceReport;
import dev.ptrace.analyze.report.TraceReports;
import dev.ptrace.analyze.store.Query;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way in to the analyses, for the command line and a user's own tests alike: open
 * trace files (read into an in-memory database) or a database of stored traces, then ask for
 * a trace's report, findings, chains, inversions, attribution or contention, run the check
 * rules, compare two traces, export, or query the tables. Each trace's wait chains, findings
 * and inversions are worked out once and shared by whatever asks for them next.
 *
 * <pre>{@code
 * try (TraceAnalysis a = TraceAnalysis.ofFiles(Path.of("trace.txt.gz"))) {
 *     CheckResult check = a.check(RuleSet.builtIn());
 *     assertTrue(check.passed(), check.summary());
 * }
 * }</pre>
 */
public final class TraceAnalysis implements AutoCloseable {
    private static final String TRACE_BY_NAME_SQL =
            TextResource.load("/sql/diff/trace_by_name.sql");
    private final Workspace workspace;
    private final TimedTraces timed;
    private final Map<Integer, TraceResults> results = new HashMap<>();
    private final Derivations derivations = new Derivations();
    private final AnalysisTables analysisTables;

    private TraceAnalysis(Workspace workspace) {
        this.workspace = workspace;
        this.timed = new TimedTraces(workspace.connection());
        this.analysisTables = new AnalysisTables(workspace.connection(), workspace.readOnly());
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
        return over(Workspace.existing(db));
    }

    /**
     * The analyses of traces read as the caller chose (strictness, kernel symbols, a database
     * file to keep); closing the analysis closes the workspace.
     */
    public static TraceAnalysis over(Workspace workspace) {
        return new TraceAnalysis(workspace);
    }

    /** The traces, in ingest order (traces.trace_id). */
    public List<Integer> traceIds() throws SQLException {
        return workspace.traceIds();
    }

    /**
     * The one trace a single-trace question is about: {@code wanted} if given, else the only
     * trace stored.
     *
     * @throws UsageException when that is not one trace, saying which there are
     */
    public int oneTrace(Integer wanted) throws SQLException {
        return workspace.oneTrace(wanted);
    }

    /** A stored trace by its id or by its source as ingested (traces.source). */
    public int traceNamed(String idOrSource) throws SQLException {
        Integer id = Query.first(workspace.connection(), TRACE_BY_NAME_SQL,
                rs -> rs.getInt(1), idOrSource);
        if (id == null) {
            throw new UsageException("no trace '" + idOrSource + "' in the database "
                    + "(give a trace_id or source of the traces table)");
        }
        return id;
    }

    /**
     * Rows of any SQL over the tables of docs/schema.md, the analysis tables included (those it
     * names are filled first, for every trace with times: the rows check's rules read);
     * {@code params} bind $1, $2, ...
     */
    public List<Map<String, Object>> query(String sql, Object... params) throws SQLException {
        analysisTablesReadBy(sql);
        return Query.list(workspace.connection(), sql, rs -> {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                row.put(md.getColumnLabel(c), rs.getObject(c));
            }
            return row;
        }, params);
    }

    /** Any SQL over the tables, its rows written as they come; the number of rows. */
    public long query(String sql, RowWriter writer) throws SQLException {
        analysisTablesReadBy(sql);
        return QueryRunner.run(workspace.connection(), sql, writer);
    }

    /** Fills the analysis tables {@code sql} names for every trace with times. */
    private void analysisTablesReadBy(String sql) throws SQLException {
        fillAnalysisTables(Arrays.stream(AnalysisTables.Unit.values())
                .filter(u -> u.readBy(sql)).toList());
    }

    private void fillAnalysisTables(List<AnalysisTables.Unit> units) throws SQLException {
        for (AnalysisTables.Unit unit : units) {
            for (int trace : traceIds()) {
                if (timed.timed(trace)) {
                    analysisTables.fill(unit, trace, results(trace));
                }
            }
        }
    }

    /**
     * A named query of the trace: waits_by_lock, longest_holds, waiting_by_blocker (the
     * .sql files under /sql/queries in the jar).
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
        return report(traceId, null, null);
    }

    /** The same, the lock waits narrowed to a process or thread (null: all). */
    public TraceReport report(int traceId, Integer pid, Integer tid) throws SQLException {
        timed.require(traceId, "the report");
        TraceResults r = results(traceId);
        TraceReport report = TraceReports.of(workspace.connection(), traceId, pid, tid,
                r.walk(), r.findings(), r.inversions(), r.contention(
                        PerfLockContention.Options.perfDefaults(ContentionKey.CALLER)
                                .forProcess(pid, tid)));
        keep(traceId, AnalysisTables.Unit.FINDINGS, AnalysisTables.Unit.INVERSIONS,
                AnalysisTables.Unit.CHAINS, AnalysisTables.Unit.ATTRIBUTION);
        return report;
    }

    /**
     * Keeps in a database file the rows of units whose results this command worked out
     * anyway, so that later commands, rules and queries read what it showed.
     */
    private void keep(int traceId, AnalysisTables.Unit... units) throws SQLException {
        if (workspace.keeps()) {
            for (AnalysisTables.Unit unit : units) {
                analysisTables.fill(unit, traceId, results(traceId));
            }
        }
    }

    /** What the HTML report draws besides the report: the timeline and the flame graph. */
    public ReportPictures pictures(int traceId) throws SQLException {
        timed.require(traceId, "the report's pictures");
        return ReportPictures.of(workspace.connection(), traceId);
    }

    /** The findings of a trace, the largest predicted saving first. */
    public List<Finding> findings(int traceId) throws SQLException {
        timed.require(traceId, "findings");
        return results(traceId).findings();
    }

    /** The wait chains of a trace, the most waiting first. */
    public List<Chain> chains(int traceId) throws SQLException {
        timed.require(traceId, "wait chains");
        return results(traceId).chains();
    }

    /** The wait chains of the waits of a process or thread (null: all). */
    public List<Chain> chains(int traceId, Integer pid, Integer tid) throws SQLException {
        return pid == null && tid == null ? chains(traceId)
                : WaitChainBuilder.concerning(workspace.connection(), traceId, chains(traceId),
                        pid, tid);
    }

    /** The priority inversions of a trace, the most time lost first. */
    public List<Inversion> inversions(int traceId) throws SQLException {
        timed.require(traceId, "inversions");
        return results(traceId).inversions();
    }

    /** The inversions among the chains of a process's or thread's waits (null: all). */
    public List<Inversion> inversions(int traceId, Integer pid, Integer tid)
            throws SQLException {
        return pid == null && tid == null ? inversions(traceId)
                : InversionFinder.find(workspace.connection(), traceId,
                        chains(traceId, pid, tid));
    }

    /** Where the waiting went, by the waiters' and the holders' causes ({@code taxonomy}). */
    public List<Attribution.Cell> attribution(int traceId, CauseTaxonomy taxonomy)
            throws SQLException {
        timed.require(traceId, "attribution");
        return Attribution.of(workspace.connection(), traceId, new CauseClassifier(taxonomy));
    }

    /** Lock wait statistics with perf lock contention's rules. */
    public PerfLockContention.Result contention(int traceId, PerfLockContention.Options options)
            throws SQLException {
        timed.require(traceId, "contention");
        return results(traceId).contention(options);
    }

    /** Runs rules on every trace. */
    public CheckResult check(RuleSet rules) throws SQLException {
        return check(rules, traceIds());
    }

    /** Runs rules on the given traces, per trace in order, per rule in the set's order. */
    public CheckResult check(RuleSet rules, List<Integer> traceIds) throws SQLException {
        for (int trace : traceIds) {
            timed.require(trace, "check");
            for (AnalysisTables.Unit unit : AnalysisTables.Unit.values()) {
                if (unit.readBy(rules)) {
                    analysisTables.fill(unit, trace, results(trace));
                }
            }
        }
        return new CheckResult(RuleEvaluator.evaluate(workspace.connection(), traceIds, rules));
    }

    /** The metrics {@code diff} compares, by name. */
    public Map<String, Metric> metrics(int traceId) throws SQLException {
        timed.require(traceId, "diff");
        Map<String, Metric> metrics = results(traceId).metrics();
        keep(traceId, AnalysisTables.Unit.INVERSIONS, AnalysisTables.Unit.METRICS);
        return metrics;
    }

    /**
     * The metrics of two traces compared; a regression is a rise beyond the percentage.
     * {@code prefixes}: only metrics whose name starts so (none: all).
     */
    public List<MetricChange> diff(int baseline, int candidate, double maxRegressionPct,
                                   List<String> prefixes) throws SQLException {
        return diff(List.of(baseline), List.of(candidate), maxRegressionPct, prefixes);
    }

    /**
     * Runs of a baseline against runs of a candidate (one a side, or at least
     * {@link TraceDiff#MIN_RUNS}): the medians compared, and a rise a regression only where
     * the runs rank it beyond chance.
     */
    public List<MetricChange> diff(List<Integer> baselines, List<Integer> candidates,
                                   double maxRegressionPct, List<String> prefixes)
            throws SQLException {
        return TraceDiff.compare(metrics(baselines), metrics(candidates), maxRegressionPct,
                prefixes);
    }

    private List<Map<String, Metric>> metrics(List<Integer> traceIds) throws SQLException {
        List<Map<String, Metric>> runs = new ArrayList<>();
        for (int t : traceIds) {
            runs.add(metrics(t));
        }
        return runs;
    }

    /** The same, every metric. */
    public List<MetricChange> diff(int baseline, int candidate, double maxRegressionPct)
            throws SQLException {
        return diff(baseline, candidate, maxRegressionPct, List.of());
    }

    /**
     * Folded stacks for flame graphs (see {@link FoldedStacks.Mode}); returns why CPU mode
     * folded nothing of a trace with stacks, else null.
     */
    public String exportFolded(int traceId, FoldedStacks.Mode mode, String event,
                               boolean tracepointStacks, PrintWriter out) throws SQLException {
        if (mode == FoldedStacks.Mode.WAITS) {
            timed.require(traceId, "--folded-mode waits");
        }
        return FoldedStacks.write(workspace.connection(), traceId, mode, event, tracepointStacks,
                out);
    }

    /** A Perfetto trace of thread states, waits, holds and inversions. */
    public void exportPerfetto(int traceId, OutputStream out) throws SQLException, IOException {
        timed.require(traceId, "the Perfetto export");
        analysisTables.fill(AnalysisTables.Unit.INVERSIONS, traceId, results(traceId));
        PerfettoExport.write(workspace.connection(), traceId, out);
    }

    /** A pprof profile of the lock waits and holds. */
    public void exportPprof(int traceId, OutputStream out) throws SQLException, IOException {
        timed.require(traceId, "the pprof export");
        PprofExport.write(workspace.connection(), traceId, out);
    }

    /**
     * Every table written to {@code dir}, a folder per table, the analysis tables filled first
     * for every trace with times; rows written per table.
     */
    public Map<String, Long> exportTables(Path dir, TableExport.Format format)
            throws SQLException {
        fillAnalysisTables(List.of(AnalysisTables.Unit.values()));
        return TableExport.write(workspace.connection(), dir, format);
    }

    /**
     * Every trace with its analysis tables into a lake (docs/lake.md), each replacing an
     * earlier copy of its capture; the traces as filed, in trace order.
     */
    public List<LakeTrace> exportLake(Path lake, LakePlacement placement) throws SQLException {
        fillAnalysisTables(List.of(AnalysisTables.Unit.values()));
        List<LakeTrace> filed = new ArrayList<>();
        for (int trace : traceIds()) {
            filed.add(LakeWriter.write(workspace.connection(), trace, lake, placement));
        }
        return filed;
    }

    private TraceResults results(int traceId) {
        return results.computeIfAbsent(traceId,
                id -> new TraceResults(workspace.connection(), id, derivations));
    }

    /** How many times each derivation ran per trace so far (each at most once). */
    public Derivations derivations() {
        return derivations;
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
