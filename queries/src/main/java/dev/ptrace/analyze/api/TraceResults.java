package dev.ptrace.analyze.api;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import dev.ptrace.analyze.analysis.causes.CauseTaxonomy;
import dev.ptrace.analyze.analysis.chains.Attribution;
import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.ChainAnalysis;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.chains.InversionFinder;
import dev.ptrace.analyze.analysis.chains.TraceChains;
import dev.ptrace.analyze.analysis.chains.WaitChainBuilder;
import dev.ptrace.analyze.analysis.contention.ContentionKey;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.findings.Findings;
import dev.ptrace.analyze.check.AnalysisTables;
import dev.ptrace.analyze.diff.Metric;
import dev.ptrace.analyze.diff.TraceMetrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the facade works out for one trace, each at most once: the walk over its blame (chains
 * and where the waiting went), its chains alone when nothing needs the walk, its findings,
 * inversions and perf's contention per set of options. Every command reads these, so report,
 * check and diff share one computation; {@link Derivations} counts the runs.
 */
final class TraceResults implements AnalysisTables.Source {
    private final Connection conn;
    private final int traceId;
    private final Derivations runs;
    private ChainAnalysis walk;
    private TraceChains chains;
    private List<Finding> findings;
    private List<Inversion> inversions;
    private Map<String, Metric> metrics;
    private final Map<PerfLockContention.Options, PerfLockContention.Result> contention =
            new HashMap<>();

    TraceResults(Connection conn, int traceId, Derivations runs) {
        this.conn = conn;
        this.traceId = traceId;
        this.runs = runs;
    }

    /** Chains and attribution from one walk (what the report shows both of). */
    ChainAnalysis walk() throws SQLException {
        if (walk == null) {
            runs.ran(Derivations.WALK, traceId);
            walk = ChainAnalysis.of(conn, traceId, new CauseClassifier(CauseTaxonomy.shipped()));
            if (chains == null) {
                chains = TraceChains.of(conn, traceId, walk.chains());
            }
        }
        return walk;
    }

    /** The chains: the walk's when it ran, else built (on first use) by themselves. */
    TraceChains traceChains() {
        if (chains == null) {
            chains = TraceChains.lazily(conn, traceId, () -> {
                runs.ran(Derivations.CHAINS, traceId);
                return WaitChainBuilder.build(conn, traceId);
            });
        }
        return chains;
    }

    @Override
    public List<Chain> chains() throws SQLException {
        return traceChains().get();
    }

    @Override
    public List<Finding> findings() throws SQLException {
        if (findings == null) {
            runs.ran(Derivations.FINDINGS, traceId);
            findings = Findings.of(traceChains());
        }
        return findings;
    }

    @Override
    public List<Inversion> inversions() throws SQLException {
        if (inversions == null) {
            runs.ran(Derivations.INVERSIONS, traceId);
            inversions = InversionFinder.find(traceChains());
        }
        return inversions;
    }

    @Override
    public PerfLockContention.Result contention(ContentionKey key) throws SQLException {
        return contention(PerfLockContention.Options.perfDefaults(key));
    }

    @Override
    public List<Attribution.Cell> attribution() throws SQLException {
        return walk().cells();
    }

    @Override
    public Map<String, Metric> metrics() throws SQLException {
        if (metrics == null) {
            metrics = TraceMetrics.of(conn, traceId, inversions(), contention(
                    PerfLockContention.Options.perfDefaults(ContentionKey.CALLER)));
        }
        return metrics;
    }

    PerfLockContention.Result contention(PerfLockContention.Options options)
            throws SQLException {
        PerfLockContention.Result r = contention.get(options);
        if (r == null) {
            runs.ran(Derivations.CONTENTION, traceId);
            r = PerfLockContention.run(conn, traceId, options);
            contention.put(options, r);
        }
        return r;
    }
}
