package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The wait chains of a trace and where its waiting went, from one walk over its blame: what
 * the report shows both of, at the cost of one.
 */
public record ChainAnalysis(List<Chain> chains, List<Attribution.Cell> cells) {
    public static ChainAnalysis of(Connection conn, int traceId, CauseClassifier classifier)
            throws SQLException {
        List<BlamedWait> waits = WaitWalk.waits(conn, traceId);
        WaitChainBuilder.Tracer tracer = new WaitChainBuilder.Tracer(waits.size());
        try (Attribution.Cells cells = new Attribution.Cells(conn, traceId,
                classifier)) {
            WaitWalk.walk(conn, traceId, waits, tracer, cells);
            return new ChainAnalysis(tracer.chains(conn, traceId), cells.sorted());
        }
    }
}
