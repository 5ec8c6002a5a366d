package dev.ptrace.analyze.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Rows of typed columns kept for reading back in the order added (an analysis's work file):
 * in memory up to about {@code inMemory} chunks, the rest in a temporary file. Read while
 * still adding: a reader sees the rows added before it was made.
 */
public final class RowSpill extends RowBuilder implements AutoCloseable {
    private final ChunkSpill chunks;
    /**
     * Each distinct text once: the rows kept in memory then hold one copy of a name used a
     * million times, and the texts each event came with die young (less for the collector).
     */
    private final Map<String, String> texts = new HashMap<>();

    /** {@code name} names the temporary file; {@code kinds} are the columns. */
    public RowSpill(String name, int inMemory, ColumnKind... kinds) {
        super(name, kinds.clone());
        this.chunks = new ChunkSpill(name, inMemory);
    }

    @Override
    public RowBuilder s(String v) {
        return super.s(v == null ? null : texts.computeIfAbsent(v, t -> t));
    }

    @Override
    RowChunk full(RowChunk c) {
        RowChunk written = chunks.add(c);
        return written != null ? written : new RowChunk(kinds);
    }

    /** The rows added so far, in order. */
    public Reader reader() {
        flush();
        return new Reader(chunks.reader(kinds));
    }

    @Override
    public void close() {
        chunks.close();
    }

    /** Reads the rows a row at a time: {@code next()}, then the row's columns by index. */
    public static final class Reader {
        private final ChunkSpill.Reader chunks;
        private RowChunk chunk;
        private int row = -1;

        private Reader(ChunkSpill.Reader chunks) {
            this.chunks = chunks;
        }

        /** Moves to the next row; false after the last. */
        public boolean next() {
            while (chunk == null || ++row >= chunk.size) {
                try {
                    chunk = chunks.next();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read temporary rows", e);
                }
                row = -1;
                if (chunk == null) {
                    return false;
                }
            }
            return true;
        }

        public boolean isNull(int column) {
            return chunk.nulls[column][row];
        }

        public int getInt(int column) {
            return (int) chunk.longs[column][row];
        }

        public long getLong(int column) {
            return chunk.longs[column][row];
        }

        public boolean getBoolean(int column) {
            return chunk.longs[column][row] != 0;
        }

        /** A column's value, or null. */
        public Integer getIntOrNull(int column) {
            return isNull(column) ? null : getInt(column);
        }

        public Long getLongOrNull(int column) {
            return isNull(column) ? null : getLong(column);
        }

        public Boolean getBooleanOrNull(int column) {
            return isNull(column) ? null : getBoolean(column);
        }

        public String getString(int column) {
            return isNull(column) ? null : chunk.texts[column][row];
        }
    }
}
