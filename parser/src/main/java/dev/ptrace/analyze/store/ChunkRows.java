package dev.ptrace.analyze.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBReadableVector;

/**
 * The rows of a large query, read a vector at a time from DuckDB's chunked result: the result
 * streams (neither DuckDB nor the JVM holds it whole) and a value is an array read, not a JDBC
 * call. While one is open its connection runs no other query, so a reader that needs another
 * query's rows reads those first. Columns are numbered from 1, as in JDBC.
 */
public final class ChunkRows implements AutoCloseable {
    private final PreparedStatement statement;
    private final DuckDBChunkedResult result;
    /** A connection of its own, closed with the rows; null when reading on the caller's. */
    private Connection own;
    private DuckDBReadableVector[] columns;
    private long rows;
    private long row = -1;
    private static final int MAX_SYMBOLS = 4096;
    private final Map<Long, String> symbols = new HashMap<>();

    private ChunkRows(PreparedStatement statement, DuckDBChunkedResult result) {
        this.statement = statement;
        this.result = result;
    }

    /** Runs {@code sql} with its parameters bound ($1, $2, ... in order). */
    public static ChunkRows query(Connection conn, String sql, Object... params)
            throws SQLException {
        PreparedStatement ps = Query.bound(conn, sql, params);
        try {
            return new ChunkRows(ps, ps.unwrap(DuckDBPreparedStatement.class).query());
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /**
     * Runs {@code sql} on a connection of its own to the same database, so that the caller's
     * connection stays free for other queries (it sees only what is committed).
     */
    public static ChunkRows queryAside(Connection conn, String sql, Object... params)
            throws SQLException {
        Connection own = conn.unwrap(DuckDBConnection.class).duplicate();
        try {
            ChunkRows rows = query(own, sql, params);
            rows.own = own;
            return rows;
        } catch (SQLException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** Moves to the next row; false after the last. */
    public boolean next() {
        if (++row < rows) {
            return true;
        }
        while (result.nextChunk()) {
            DuckDBDataChunkReader chunk = result.chunk();
            rows = chunk.rowCount();
            if (rows == 0) {
                continue;
            }
            if (columns == null) {
                columns = new DuckDBReadableVector[(int) chunk.columnCount()];
            }
            for (int c = 0; c < columns.length; c++) {
                columns[c] = chunk.vector(c);
            }
            row = 0;
            return true;
        }
        rows = 0;
        return false;
    }

    public boolean isNull(int column) {
        return columns[column - 1].isNull(row);
    }

    /** A BIGINT or any narrower integer. */
    public long getLong(int column) {
        DuckDBReadableVector v = columns[column - 1];
        return switch (v.getType()) {
            case INTEGER -> v.getInt(row);
            case SMALLINT -> v.getShort(row);
            case TINYINT -> v.getByte(row);
            default -> v.getLong(row);
        };
    }

    public int getInt(int column) {
        DuckDBReadableVector v = columns[column - 1];
        return v.getType() == DuckDBColumnType.BIGINT ? Math.toIntExact(v.getLong(row))
                : v.getInt(row);
    }

    public boolean getBoolean(int column) {
        return columns[column - 1].getBoolean(row);
    }

    /** The text, or null. */
    public String getString(int column) {
        DuckDBReadableVector v = columns[column - 1];
        return v.isNull(row) ? null : v.getString(row);
    }

    /**
     * A text of a column with few distinct values (a state, a relation, a thread name), read
     * through {@code hashColumn}, the query's {@code (hash(col) >> 1)::BIGINT}: each distinct
     * text crosses from DuckDB once, not once a row. Null when the text is.
     */
    public String getSymbol(int column, int hashColumn) {
        if (isNull(column)) {
            return null;
        }
        long hash = getLong(hashColumn);
        String s = symbols.get(hash);
        if (s == null) {
            s = getString(column);
            if (symbols.size() < MAX_SYMBOLS) {
                symbols.put(hash, s);
            }
        }
        return s;
    }

    /** A BIGINT, or null. */
    public Long getLongOrNull(int column) {
        return isNull(column) ? null : getLong(column);
    }

    /** An INTEGER, or null. */
    public Integer getIntOrNull(int column) {
        return isNull(column) ? null : getInt(column);
    }

    public Boolean getBooleanOrNull(int column) {
        DuckDBReadableVector v = columns[column - 1];
        return v.isNull(row) ? null : v.getBoolean(row);
    }

    @Override
    public void close() throws SQLException {
        try {
            result.close();
        } finally {
            statement.close();
            if (own != null) {
                own.close();
            }
        }
    }
}
