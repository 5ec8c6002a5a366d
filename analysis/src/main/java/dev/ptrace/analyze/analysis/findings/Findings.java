package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import dev.ptrace.analyze.analysis.causes.CauseTaxonomy;
import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.TraceChains;
import dev.ptrace.analyze.analysis.locks.LockClasses;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every what-if model over a trace, then adds a finding for each large class of lock
 * waiting no model spoke about, and ranks them all by predicted saving.
 */
public final class Findings {
    private static final String OS_RELEASE_SQL = TextResource.load("/sql/findings/os_release.sql");
    private static final List<WhatIf> MODELS = List.of(new MallocThresholdWhatIf(),
            new LongHoldWhatIf(), new InversionWhatIf(), new SpinlockWhatIf(), new VmallocWhatIf(),
            new ZeroingWhatIf(), new PageTableLockWhatIf(), new UserLockWhatIf(),
            new WakeupLatencyWhatIf());
    private static final LockClasses CLASSES = LockClasses.shipped();

    private Findings() {
    }

    /** The findings of a trace, the largest predicted saving first. */
    public static List<Finding> of(Connection conn, int traceId) throws SQLException {
        return of(new TraceChains(conn, traceId));
    }

    /** The same, given the trace's chains (when the caller has them already). */
    public static List<Finding> of(Connection conn, int traceId, List<Chain> chains)
            throws SQLException {
        return of(TraceChains.of(conn, traceId, chains));
    }

    /** The same, the chains built when a model needs them (and once). */
    public static List<Finding> of(TraceChains chains) throws SQLException {
        FindingContext ctx = context(chains);
        List<Finding> out = new ArrayList<>();
        for (WhatIf m : MODELS) {
            out.addAll(m.find(ctx));
        }
        Set<String> covered = new HashSet<>();
        out.forEach(f -> covered.add(f.lock()));
        out.addAll(LockClassFindings.find(ctx, CLASSES, covered));
        out.sort(Comparator.comparingLong(Finding::savedNs).reversed()
                .thenComparing(Finding::scenario).thenComparing(Finding::title));
        return out;
    }

    /** What the models work from for one trace, with the shipped knowledge files. */
    public static FindingContext context(TraceChains chains) throws SQLException {
        Connection conn = chains.connection();
        int traceId = chains.traceId();
        return new FindingContext(conn, traceId, kernel(conn, traceId), chains,
                new CauseClassifier(CauseTaxonomy.shipped()), FindingTexts.shipped(),
                WhatIfParameters.shipped());
    }

    private static KernelRelease kernel(Connection conn, int traceId) throws SQLException {
        return Query.first(conn, OS_RELEASE_SQL, rs -> KernelRelease.parse(rs.getString(1)),
                traceId);
    }
}
