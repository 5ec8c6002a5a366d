package dev.ptrace.analyze.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBWritableVector;

/**
 * Up to {@link #CHUNK} rows, column by column: DuckDB's unit of work, and the unit rows are
 * kept in, spilled in and handed to an insert in.
 */
final class RowChunk {
    /** Rows per chunk: DuckDB's vector size. */
    static final int CHUNK = 2048;

    final ColumnKind[] kinds;
    final long[][] longs;
    final String[][] texts;
    final boolean[][] nulls;
    /** Whether a column has a NULL in this chunk. */
    final boolean[] anyNull;
    int size;

    RowChunk(ColumnKind[] kinds) {
        this.kinds = kinds;
        longs = new long[kinds.length][];
        texts = new String[kinds.length][];
        nulls = new boolean[kinds.length][CHUNK];
        anyNull = new boolean[kinds.length];
        for (int c = 0; c < kinds.length; c++) {
            if (kinds[c] == ColumnKind.TEXT) {
                texts[c] = new String[CHUNK];
            } else {
                longs[c] = new long[CHUNK];
            }
        }
    }

    boolean full() {
        return size == CHUNK;
    }

    void clear() {
        size = 0;
        for (int c = 0; c < nulls.length; c++) {
            if (anyNull[c]) {
                Arrays.fill(nulls[c], false);
                anyNull[c] = false;
            }
        }
    }

    /**
     * Into DuckDB's vectors: numbers straight into their memory when {@code direct} (and the
     * driver's layout is known), else through its setters.
     */
    void fill(DuckDBDataChunkWriter out, boolean direct) {
        Map<String, byte[]> utf8 = new HashMap<>();
        for (int c = 0; c < kinds.length; c++) {
            DuckDBWritableVector v = out.vector(c);
            boolean[] isNull = nulls[c];
            if (kinds[c] == ColumnKind.TEXT) {
                byte[][] bytes = new byte[size][];
                for (int r = 0; r < size; r++) {
                    if (!isNull[r]) {
                        bytes[r] = utf8.computeIfAbsent(texts[c][r],
                                s -> s.getBytes(StandardCharsets.UTF_8));
                    }
                }
                v.setStringUtf8Batch(0, bytes);
                continue;
            }
            long[] values = longs[c];
            if (direct) {
                boolean[] nullRows = anyNull[c] ? isNull : null;
                switch (kinds[c]) {
                    case INT -> VectorMemory.ints(v, values, nullRows, size);
                    case BIGINT -> VectorMemory.longs(v, values, nullRows, size);
                    default -> VectorMemory.booleans(v, values, nullRows, size);
                }
                continue;
            }
            for (int r = 0; r < size; r++) {
                if (isNull[r]) {
                    v.setNull(r);
                } else {
                    switch (kinds[c]) {
                        case INT -> v.setInt(r, (int) values[r]);
                        case BIGINT -> v.setLong(r, values[r]);
                        default -> v.setBoolean(r, values[r] != 0);
                    }
                }
            }
        }
    }

    /**
     * The spill format: the row count, then column by column the null flags and the values
     * (texts as a dictionary of the chunk's distinct texts and an index per row).
     */
    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(size);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * Long.BYTES);
        byte[] flags = new byte[size];
        for (int c = 0; c < kinds.length; c++) {
            for (int r = 0; r < size; r++) {
                flags[r] = (byte) (nulls[c][r] ? 1 : 0);
            }
            out.write(flags);
            buf.clear();
            if (kinds[c] == ColumnKind.TEXT) {
                Map<String, Integer> dictionary = new HashMap<>();
                for (int r = 0; r < size; r++) {
                    buf.putInt(nulls[c][r] ? -1 : dictionary.computeIfAbsent(texts[c][r],
                            t -> dictionary.size()));
                }
                String[] words = new String[dictionary.size()];
                dictionary.forEach((t, i) -> words[i] = t);
                out.writeInt(words.length);
                for (String w : words) {
                    byte[] b = w.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(b.length);
                    out.write(b);
                }
            } else {
                buf.asLongBuffer().put(longs[c], 0, size);
                buf.position(size * Long.BYTES);
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    void readFrom(DataInputStream in) throws IOException {
        size = in.readInt();
        byte[] flags = new byte[size];
        byte[] raw = new byte[CHUNK * Long.BYTES];
        for (int c = 0; c < kinds.length; c++) {
            in.readFully(flags);
            anyNull[c] = false;
            for (int r = 0; r < size; r++) {
                nulls[c][r] = flags[r] != 0;
                anyNull[c] |= nulls[c][r];
            }
            if (kinds[c] == ColumnKind.TEXT) {
                String[] words = new String[in.readInt()];
                for (int w = 0; w < words.length; w++) {
                    byte[] b = new byte[in.readInt()];
                    in.readFully(b);
                    words[w] = new String(b, StandardCharsets.UTF_8);
                }
                in.readFully(raw, 0, size * Integer.BYTES);
                ByteBuffer buf = ByteBuffer.wrap(raw, 0, size * Integer.BYTES);
                for (int r = 0; r < size; r++) {
                    int w = buf.getInt();
                    texts[c][r] = w < 0 ? null : words[w];
                }
            } else {
                in.readFully(raw, 0, size * Long.BYTES);
                ByteBuffer.wrap(raw, 0, size * Long.BYTES).asLongBuffer().get(longs[c], 0, size);
            }
        }
    }
}
