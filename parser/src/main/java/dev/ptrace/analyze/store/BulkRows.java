package dev.ptrace.analyze.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

/**
 * Rows of one table, collected column by column and then inserted in one statement: DuckDB
 * pulls them a vector at a time through a table function ({@code INSERT INTO t SELECT * FROM
 * ptrace_rows(id)}), which costs a fraction of an Appender's flush every 2,048 rows. Rows
 * past a memory budget wait in a temporary file, so memory stays flat whatever the trace.
 * Column types: INTEGER, BIGINT, BOOLEAN and VARCHAR.
 */
public final class BulkRows implements AutoCloseable {
    /** Rows per chunk: DuckDB's vector size. */
    static final int CHUNK = 2048;
    /** Chunks kept in memory before the rest goes to a temporary file (about 4 MB). */
    private static final int CHUNKS_IN_MEMORY = 16;
    private static final String FUNCTION = "ptrace_rows";
    private static final AtomicLong IDS = new AtomicLong();
    private static final Map<Long, BulkRows> OPEN = new ConcurrentHashMap<>();
    private static final Map<Object, Boolean> REGISTERED = new ConcurrentHashMap<>();

    private enum Kind { INT, BIGINT, BOOL, TEXT }

    private final TableDef table;
    private final Kind[] kinds;
    private final long id = IDS.incrementAndGet();
    private final List<Chunk> inMemory = new ArrayList<>();
    private Chunk current;
    private Path spill;
    private DataOutputStream spillOut;
    private long spilledChunks;
    private long rows;
    private int column;
    /** Streaming: chunks go to the insert running on its own thread through this queue. */
    private BlockingQueue<Chunk> queue;
    /** Chunks written out (to the insert or the file), to be filled again: less garbage. */
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(8);
    private Thread inserter;
    private volatile Throwable failure;
    private static final Chunk END = new Chunk(new Kind[0]);

    public BulkRows(TableDef table) {
        this.table = table;
        this.kinds = table.columns().stream().map(c -> kindOf(c.type())).toArray(Kind[]::new);
        this.current = new Chunk(kinds);
    }

    private static Kind kindOf(String type) {
        return switch (type) {
            case "INTEGER" -> Kind.INT;
            case "BIGINT" -> Kind.BIGINT;
            case "BOOLEAN" -> Kind.BOOL;
            case "VARCHAR" -> Kind.TEXT;
            default -> throw new IllegalArgumentException("BulkRows: no column type " + type);
        };
    }

    /** Adds one row, the values in the table's column order: Integer, Long, Boolean, String or null. */
    public void row(Object... values) {
        if (values.length != kinds.length) {
            throw new IllegalArgumentException(table.name() + ": " + values.length
                    + " values for " + kinds.length + " columns");
        }
        for (Object v : values) {
            if (v == null) {
                nul();
            } else if (v instanceof Integer i) {
                i(i);
            } else if (v instanceof Long l) {
                l(l);
            } else if (v instanceof Boolean b) {
                b(b);
            } else {
                s(v.toString());
            }
        }
        end();
    }

    /** The next column of the row being added: an INTEGER. */
    public BulkRows i(int v) {
        current.longs[column++][current.size] = v;
        return this;
    }

    public BulkRows l(long v) {
        current.longs[column++][current.size] = v;
        return this;
    }

    public BulkRows b(boolean v) {
        current.longs[column++][current.size] = v ? 1 : 0;
        return this;
    }

    /** A VARCHAR, or NULL when {@code v} is null. */
    public BulkRows s(String v) {
        if (v == null) {
            return nul();
        }
        current.texts[column++][current.size] = v;
        return this;
    }

    /** A boxed value or NULL. */
    public BulkRows l(Long v) {
        return v == null ? nul() : l(v.longValue());
    }

    public BulkRows i(Integer v) {
        return v == null ? nul() : i(v.intValue());
    }

    public BulkRows b(Boolean v) {
        return v == null ? nul() : b(v.booleanValue());
    }

    public BulkRows nul() {
        current.nulls[column++][current.size] = true;
        return this;
    }

    /** Ends the row being added. */
    public void end() {
        if (column != kinds.length) {
            throw new IllegalStateException(table.name() + ": row of " + column + " values for "
                    + kinds.length + " columns");
        }
        column = 0;
        rows++;
        if (++current.size == CHUNK) {
            keep(current);
            current = nextChunk();
        }
    }

    /** An empty chunk: one the insert or the temporary file is done with, else a new one. */
    private Chunk nextChunk() {
        Chunk c = free.poll();
        if (c == null) {
            return new Chunk(kinds);
        }
        c.clear();
        return c;
    }

    private void keep(Chunk c) {
        if (queue != null) {
            hand(c);
            return;
        }
        if (spillOut == null && inMemory.size() < CHUNKS_IN_MEMORY) {
            inMemory.add(c);
            return;
        }
        try {
            if (spillOut == null) {
                spill = TempFiles.file("ptrace-analyze-" + table.name() + "-", ".rows");
                spillOut = new DataOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(spill), 1 << 16));
            }
            c.writeTo(spillOut, kinds);
            spilledChunks++;
            free.offer(c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write temporary rows of " + table.name(), e);
        }
    }

    /**
     * Rows inserted as they are added: the insert runs on a thread of its own, taking each
     * chunk as it fills, so that producing the rows and storing them use both cores. The
     * connection must run nothing else until {@link #finish()}.
     */
    public static BulkRows streaming(Connection conn, TableDef table) throws SQLException {
        BulkRows rows = new BulkRows(table);
        rows.queue = new ArrayBlockingQueue<>(4);
        register(conn);
        OPEN.put(rows.id, rows);
        rows.inserter = new Thread(() -> {
            try (Statement st = conn.createStatement()) {
                // on more threads, DuckDB's worker would wait for the rows and the inserting
                // thread spin waiting for it: on one, the inserting thread does the work
                String threads = setting(st, "threads");
                st.execute("SET threads = 1");
                try {
                    st.execute(rows.insertSql());
                } finally {
                    st.execute("SET threads = " + Integer.parseInt(threads));
                }
            } catch (Throwable t) {
                rows.failure = t;
                rows.queue.clear();
            } finally {
                OPEN.remove(rows.id);
            }
        }, "ptrace-analyze insert " + table.name());
        rows.inserter.setDaemon(true);
        rows.inserter.start();
        return rows;
    }

    private static String setting(Statement st, String name) throws SQLException {
        try (java.sql.ResultSet rs = st.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void hand(Chunk c) {
        try {
            while (!queue.offer(c, 100, TimeUnit.MILLISECONDS)) {
                if (failure != null || !inserter.isAlive()) {
                    throw insertFailed();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing " + table.name(), e);
        }
    }

    /** Streaming: sends the last rows, waits for the insert and reports its failure. */
    public void finish() throws SQLException {
        if (current.size > 0) {
            hand(current);
            current = new Chunk(kinds);
        }
        hand(END);
        try {
            inserter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing " + table.name(), e);
        }
        if (failure != null) {
            throw insertFailed();
        }
    }

    private RuntimeException insertFailed() {
        Throwable t = failure;
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new StoreException("cannot write to the database: "
                + (t == null ? table.name() + " insert ended early" : t.getMessage()), t);
    }

    private String insertSql() {
        return "INSERT INTO " + table.name() + " SELECT * FROM " + FUNCTION + "(" + id + ")";
    }

    /** Inserts every row added into the table, in the order added; then starts empty. */
    public void insert(Connection conn) throws SQLException {
        if (rows == 0) {
            return;
        }
        if (current.size > 0) {
            keep(current);
            current = new Chunk(kinds);
        }
        register(conn);
        OPEN.put(id, this);
        try (Statement st = conn.createStatement()) {
            st.execute(insertSql());
        } finally {
            OPEN.remove(id);
            clear();
        }
    }

    private void clear() {
        inMemory.clear();
        rows = 0;
        closeSpill();
    }

    @Override
    public void close() {
        if (queue != null && inserter.isAlive()) {
            // an error ended the rows early: let the insert end so that the connection is free
            // for the rollback
            queue.clear();
            queue.offer(END);
            try {
                inserter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        clear();
    }

    private void closeSpill() {
        try {
            if (spillOut != null) {
                spillOut.close();
            }
            if (spill != null) {
                TempFiles.remove(spill);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove temporary rows of " + table.name(), e);
        } finally {
            spillOut = null;
            spill = null;
            spilledChunks = 0;
        }
    }

    /** Where the insert reads the chunks back: memory first, then the temporary file. */
    private final class Reader {
        private int next;
        private long spilledRead;
        private DataInputStream in;
        private final Chunk reuse = new Chunk(kinds);

        Chunk next() throws IOException {
            if (queue != null) {
                try {
                    Chunk c = queue.take();
                    return c == END ? null : c;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            if (next < inMemory.size()) {
                return inMemory.get(next++);
            }
            if (spilledRead == spilledChunks) {
                if (in != null) {
                    in.close();
                }
                return null;
            }
            if (in == null) {
                spillOut.flush();
                in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spill),
                        1 << 16));
            }
            spilledRead++;
            reuse.readFrom(in, kinds);
            return reuse;
        }
    }

    private static void register(Connection conn) throws SQLException {
        Object db = conn;
        if (REGISTERED.putIfAbsent(db, Boolean.TRUE) != null) {
            return;
        }
        DuckDBFunctions.tableFunction().withName(FUNCTION).withParameter(DuckDBColumnType.BIGINT)
                .withFunction(new Function()).register(conn);
    }

    /** The table function: its argument names the BulkRows whose chunks it returns. */
    private static final class Function implements DuckDBTableFunction<BulkRows, Reader, Object> {
        @Override
        public BulkRows bind(DuckDBTableFunctionBindInfo info) {
            long id = info.getParameter(0).getLong();
            BulkRows rows = OPEN.get(id);
            if (rows == null) {
                throw new IllegalStateException("no rows " + id + " to insert");
            }
            for (int c = 0; c < rows.kinds.length; c++) {
                info.addResultColumn(rows.table.columns().get(c).name(), switch (rows.kinds[c]) {
                    case INT -> DuckDBColumnType.INTEGER;
                    case BIGINT -> DuckDBColumnType.BIGINT;
                    case BOOL -> DuckDBColumnType.BOOLEAN;
                    case TEXT -> DuckDBColumnType.VARCHAR;
                });
            }
            return rows;
        }

        @Override
        public Reader init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(1);
            BulkRows rows = info.getBindData();
            return rows.new Reader();
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out)
                throws IOException {
            BulkRows rows = info.getBindData();
            Reader reader = info.getInitData();
            Chunk c = reader.next();
            if (c == null) {
                return 0;
            }
            c.fill(out, rows.kinds);
            int size = c.size;
            if (rows.queue != null) {
                rows.free.offer(c);
            }
            return size;
        }
    }

    /** Up to CHUNK rows, column by column. */
    private static final class Chunk {
        final long[][] longs;
        final String[][] texts;
        final boolean[][] nulls;
        int size;

        void clear() {
            size = 0;
            for (boolean[] n : nulls) {
                java.util.Arrays.fill(n, false);
            }
        }

        Chunk(Kind[] kinds) {
            longs = new long[kinds.length][];
            texts = new String[kinds.length][];
            nulls = new boolean[kinds.length][CHUNK];
            for (int c = 0; c < kinds.length; c++) {
                if (kinds[c] == Kind.TEXT) {
                    texts[c] = new String[CHUNK];
                } else {
                    longs[c] = new long[CHUNK];
                }
            }
        }

        void fill(DuckDBDataChunkWriter out, Kind[] kinds) {
            Map<String, byte[]> utf8 = new HashMap<>();
            for (int c = 0; c < kinds.length; c++) {
                DuckDBWritableVector v = out.vector(c);
                boolean[] isNull = nulls[c];
                if (kinds[c] == Kind.TEXT) {
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

        /** Column by column: null flags, then the values (texts as a dictionary and indexes). */
        void writeTo(DataOutputStream out, Kind[] kinds) throws IOException {
            out.writeInt(size);
            ByteBuffer buf = ByteBuffer.allocate(CHUNK * Long.BYTES);
            byte[] flags = new byte[size];
            for (int c = 0; c < kinds.length; c++) {
                for (int r = 0; r < size; r++) {
                    flags[r] = (byte) (nulls[c][r] ? 1 : 0);
                }
                out.write(flags);
                buf.clear();
                if (kinds[c] == Kind.TEXT) {
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

        void readFrom(DataInputStream in, Kind[] kinds) throws IOException {
            size = in.readInt();
            byte[] flags = new byte[size];
            byte[] raw = new byte[CHUNK * Long.BYTES];
            for (int c = 0; c < kinds.length; c++) {
                in.readFully(flags);
                for (int r = 0; r < size; r++) {
                    nulls[c][r] = flags[r] != 0;
                }
                if (kinds[c] == Kind.TEXT) {
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
}
