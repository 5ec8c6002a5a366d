package dev.ptrace.analyze.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.duckdb.DuckDBWritableVector;

/**
 * Writes whole columns of numbers straight into the memory of a DuckDB output vector. The JDBC
 * driver's public setters take a lock and set a validity bit per value, which made filling
 * the table function's chunks most of the cost of storing the blame and event rows; its
 * vector keeps the data and validity of the chunk as direct buffers, which this class reaches
 * once per vector. When a driver version lays them out otherwise, {@link #AVAILABLE} is false
 * and the callers use the public setters (a test asserts the fast path is taken with the
 * pinned driver and that both store the same rows).
 */
final class VectorMemory {
    private static final VarHandle DATA;
    private static final VarHandle VALIDITY;
    static final boolean AVAILABLE;

    static {
        VarHandle data = null;
        VarHandle validity = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(DuckDBWritableVector.class,
                    MethodHandles.lookup());
            data = lookup.findVarHandle(DuckDBWritableVector.class, "data", ByteBuffer.class);
            validity = lookup.findVarHandle(DuckDBWritableVector.class, "validity",
                    ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            data = null;
            validity = null;
        }
        DATA = data;
        VALIDITY = validity;
        AVAILABLE = data != null;
    }

    private VectorMemory() {
    }

    /** Rows {@code 0..size-1} of a BIGINT column; {@code nulls} null when no row is NULL. */
    static void longs(DuckDBWritableVector v, long[] values, boolean[] nulls, int size) {
        data(v).asLongBuffer().put(values, 0, size);
        validity(v, nulls, size);
    }

    /** An INTEGER column, from longs. */
    static void ints(DuckDBWritableVector v, long[] values, boolean[] nulls, int size) {
        ByteBuffer data = data(v);
        for (int r = 0; r < size; r++) {
            data.putInt(r * Integer.BYTES, (int) values[r]);
        }
        validity(v, nulls, size);
    }

    /** A BOOLEAN column, from longs (0 false, else true). */
    static void booleans(DuckDBWritableVector v, long[] values, boolean[] nulls, int size) {
        ByteBuffer data = data(v);
        for (int r = 0; r < size; r++) {
            data.put(r, (byte) (values[r] != 0 ? 1 : 0));
        }
        validity(v, nulls, size);
    }

    private static ByteBuffer data(DuckDBWritableVector v) {
        return ((ByteBuffer) DATA.get(v)).duplicate().order(ByteOrder.nativeOrder());
    }

    /** One bit per row, set when the row has a value: 64 rows per word. */
    private static void validity(DuckDBWritableVector v, boolean[] nulls, int size) {
        ByteBuffer validity = ((ByteBuffer) VALIDITY.get(v)).duplicate()
                .order(ByteOrder.nativeOrder());
        for (int word = 0; word * 64 < size; word++) {
            int first = word * 64;
            int rows = Math.min(64, size - first);
            long bits = rows == 64 ? -1L : (1L << rows) - 1;
            if (nulls != null) {
                for (int r = 0; r < rows; r++) {
                    if (nulls[first + r]) {
                        bits &= ~(1L << r);
                    }
                }
            }
            validity.putLong(word * Long.BYTES, bits);
        }
    }
}
