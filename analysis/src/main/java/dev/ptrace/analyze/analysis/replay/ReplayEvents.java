package dev.ptrace.analyze.analysis.replay;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.ChunkRows;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Streams the events of one trace the lock analysis needs, in time order, to a consumer, read
 * from the tables a page at a time (a page's sort stays within DuckDB's memory cap, whatever
 * the trace) and a vector at a time ({@link ChunkRows}). For a trace whose events came in time
 * order, the {@link ReplayLog} gathered while storing them spares this query.
 */
public final class ReplayEvents {
    private static final String SQL = TextResource.fill("/sql/locks/replay_events.sql",
            ReplayEvent.Kind.numbers());
    private static final int PAGE = 250_000;

    /** Receives each event; may throw SQLException. */
    @FunctionalInterface
    public interface Consumer {
        void accept(ReplayEvent e) throws SQLException;
    }

    private ReplayEvents() {
    }

    public static void replay(Connection conn, int traceId, Consumer consumer)
            throws SQLException {
        long ts = Long.MIN_VALUE;
        long seq = Long.MIN_VALUE;
        int rows = PAGE;
        while (rows == PAGE) {
            rows = 0;
            try (ChunkRows rs = ChunkRows.query(conn, SQL, traceId, ts, seq, PAGE)) {
                while (rs.next()) {
                    rows++;
                    ts = rs.getLong(2);
                    seq = rs.getLong(3);
                    consumer.accept(new ReplayEvent(ReplayEvent.Kind.of(rs.getInt(1)), ts,
                            rs.getIntOrNull(4), rs.getInt(5), rs.getSymbol(6, 17),
                            rs.getIntOrNull(7), rs.getSymbol(8, 18), rs.getIntOrNull(9),
                            rs.getSymbol(10, 19), rs.getIntOrNull(11), rs.getSymbol(12, 20),
                            rs.getLongOrNull(13), rs.getBooleanOrNull(14),
                            rs.getBooleanOrNull(15), rs.getLongOrNull(16)));
                }
            }
        }
    }
}
