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

    private final int traceId;
    private final ChunkRows rows;
    private final TimeWindow<Long, BlameRow> window;

    BlamePieces(Connection conn, int traceId) throws SQLException {
        this.traceId = traceId;
        rows = ChunkRows.query(conn, SQL, traceId);
        window = new TimeWindow<>(this::next, BlameRow::waitId, BlameRow::beginTs,
                BlameRow::endTs);
    }

    TimeWindow<Long, BlameRow> window() {
        return window;
    }

    /** The next piece in order, or null after the last. */
    BlameRow next() {
        if (!rows.next()) {
            return null;
        }
        return BlameRow.of(traceId, rows.getLong(1), rows.getInt(2), rows.getLong(3),
                rows.getIntOrNull(4), rows.getSymbol(5, 12), rows.getSymbol(6, 13),
                rows.getLongOrNull(7), rows.getLong(8), rows.getLong(9), rows.getInt(10),
                rows.getLongOrNull(11));
    }

    @Override
    public void close() throws SQLException {
        rows.close();
    }
}
