package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.ChunkRows;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The blame pieces of one trace in order of begin, each wait's in the order the replay wrote
 * them, streamed into a {@link TimeWindow} by wait.
 */
final class BlamePieces implements AutoCloseable {
    private static final String SQL = TextResource.load("/sql/chains/blame_pieces.sql");

    private final ChunkRows rows;
    private final TimeWindow<Long, BlamePiece> window;

    BlamePieces(Connection conn, int traceId) throws SQLException {
        rows = ChunkRows.query(conn, SQL, traceId);
        window = new TimeWindow<>(this::next, BlamePiece::waitId, BlamePiece::begin,
                BlamePiece::end);
    }

    TimeWindow<Long, BlamePiece> window() {
        return window;
    }

    private BlamePiece next() {
        if (!rows.next()) {
            return null;
        }
        return new BlamePiece(rows.getLong(1), rows.getIntOrNull(2), rows.getSymbol(3, 10),
                rows.getSymbol(4, 11), rows.getLongOrNull(5), rows.getLong(6), rows.getLong(7),
                rows.getLong(8), rows.getInt(9));
    }

    @Override
    public void close() throws SQLException {
        rows.close();
    }
}
