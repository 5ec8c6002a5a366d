package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.analysis.locks.BlameRow;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One pass over the waits of a trace that have blame: each is traced through its chain to the
 * roots once ({@link RootResolver}), in order of its end, over a {@link TimeWindow} of the blame
 * pieces, and handed to every visitor (the chains, where the waiting went): one read of the
 * blame per command, and memory that follows the waits in progress.
 */
final class WaitWalk {
    private static final String WAITS_SQL = TextResource.load("/sql/chains/chain_waits.sql");

    /** Sees each wait with its own pieces and what they resolve to. */
    @FunctionalInterface
    interface Visitor {
        /**
         * @param index    the wait's position in the list walked
         * @param lowWater the earliest begin of the waits still to come: what ends by then
         *                 will not be asked for again
         */
        void visit(int index, BlamedWait w, List<BlameRow> own, List<RootTime> resolved,
                   long lowWater) throws SQLException;
    }

    private WaitWalk() {
    }

    /** The waits with blame of a trace, in order of wait_id. */
    static List<BlamedWait> waits(Connection conn, int traceId) throws SQLException {
        List<BlamedWait> out = new ArrayList<>();
        Query.forEach(conn, WAITS_SQL, rs -> {
            out.add(new BlamedWait(rs.getLong(1), rs.getInt(2), rs.getString(3),
                    rs.getLong(4), rs.getString(5), rs.getString(6), rs.getLong(7),
                    rs.getLong(8), rs.getLong(9), rs.getString(10), rs.getString(11),
                    (Integer) rs.getObject(12), (Long) rs.getObject(13)));
        }, traceId);
        return out;
    }

    /**
     * Walks {@code waits} in order of their end (ties: in list order); the connection runs no
     * other query meanwhile.
     */
    static void walk(Connection conn, int traceId, List<BlamedWait> waits, Visitor... visitors)
            throws SQLException {
        Integer[] order = new Integer[waits.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // a stable sort: ties stay in list order
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> waits.get(i).end()));
        // lowWaterAfter[k]: the earliest begin of the waits walked after position k
        long[] lowWaterAfter = new long[order.length];
        long earliest = Long.MAX_VALUE;
        for (int k = order.length - 1; k >= 0; k--) {
            lowWaterAfter[k] = earliest;
            earliest = Math.min(earliest, waits.get(order[k]).begin());
        }
        try (BlamePieces pieces = new BlamePieces(conn, traceId)) {
            TimeWindow<Long, BlameRow> window = pieces.window();
            RootResolver resolver = new RootResolver(window);
            for (int k = 0; k < order.length; k++) {
                BlamedWait w = waits.get(order[k]);
                window.loadBefore(w.end());
                List<BlameRow> own = window.of(w.waitId());
                List<RootTime> resolved = resolver.resolve(w.waitId(), w.begin(), w.end());
                for (Visitor v : visitors) {
                    v.visit(order[k], w, own, resolved, lowWaterAfter[k]);
                }
                window.dropEndingBy(lowWaterAfter[k]);
            }
        }
    }
}
