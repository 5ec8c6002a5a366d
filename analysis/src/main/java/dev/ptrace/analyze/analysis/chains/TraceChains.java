package dev.ptrace.analyze.analysis.chains;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A trace's chains, built the first time they are asked for: of the findings, only
 * inversions need them, and only when the trace's threads run at different priorities.
 */
public final class TraceChains {
    /** Where the chains come from. */
    @FunctionalInterface
    public interface Source {
        List<Chain> chains() throws SQLException;
    }

    private final Connection conn;
    private final int traceId;
    private final Source source;
    private List<Chain> chains;

    /** The chains built from the trace, by {@link WaitChainBuilder}. */
    public TraceChains(Connection conn, int traceId) {
        this(conn, traceId, () -> WaitChainBuilder.build(conn, traceId));
    }

    private TraceChains(Connection conn, int traceId, Source source) {
        this.conn = conn;
        this.traceId = traceId;
        this.source = source;
    }

    /** Chains {@code source} builds, the first time they are asked for. */
    public static TraceChains lazily(Connection conn, int traceId, Source source) {
        return new TraceChains(conn, traceId, source);
    }

    /** Chains the caller has built already. */
    public static TraceChains of(Connection conn, int traceId, List<Chain> built) {
        return new TraceChains(conn, traceId, () -> built);
    }

    public Connection connection() {
        return conn;
    }

    public int traceId() {
        return traceId;
    }

    public List<Chain> get() throws SQLException {
        if (chains == null) {
            chains = source.chains();
        }
        return chains;
    }
}
