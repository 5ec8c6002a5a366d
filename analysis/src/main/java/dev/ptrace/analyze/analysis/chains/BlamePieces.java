package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.analysis.locks.BlameRow;
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
    private final TimeWindow<Long, BlameRow> window;

    BlamePieces(Connection conn, int traceId) throws SQLException {
        rows = ChunkRows.query(conn, SQL, traceId);
        window = new TimeWindow<>(this::next, BlameRow::waitId, BlameRow::beginTs,
                BlameRow::endTs);
    }

    TimeWindow<Long, BlameRow> window() {
        return window;
    }

    private BlameRow next() {
        if (!rows.next()) {
            return null;
        }
        return new BlameRow(rows.getInt(1), rows.getLong(2), rows.getInt(3), rows.getLong(4),
                rows.getIntOrNull(5), rows.getSymbol(6, 15), rows.getSymbol(7, 16),
                rows.getLongOrNull(8), rows.getLong(9), rows.getLong(10), rows.getLong(11),
                rows.getInt(12), rows.getLong(13), rows.getLongOrNull(14));
    }

    @Override
    public void close() throws SQLException {
        rows.close();
    }
}
