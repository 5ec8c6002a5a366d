package dev.ptrace.analyze.store;

import dev.ptrace.analyze.knowledge.TextResource;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows of one table, collected column by column and then inserted in one statement: DuckDB
 * pulls them a vector at a time through a table function ({@code INSERT INTO t SELECT * FROM
 * ptrace_rows(id)}), which costs a fraction of an Appender's flush every 2,048 rows. Rows
 * past a memory budget wait in a temporary file, so memory stays flat whatever the trace.
 * Column types: INTEGER, BIGINT, BOOLEAN, VARCHAR, and maps given as DuckDB prints them.
 */
public final class BulkRows implements AutoCloseable {
    /** Rows per chunk: DuckDB's vector size. */
    static final int CHUNK = 2048;
    /** Chunks kept in memory before the rest goes to a temporary file (about 4 MB). */
    private static final int CHUNKS_IN_MEMORY = 16;
    /** Batched: chunks per insert; few, as the rows wait in the young heap until inserted. */
    private static final int CHUNKS_PER_BATCH = 4;
    private static final String FUNCTION = "ptrace_rows";
    private static final String ONE_THREAD_SQL = TextResource.load("/sql/store/one_thread.sql");
    private static final String ALL_THREADS_SQL =
            TextResource.load("/sql/store/all_threads.sql");
    private static final AtomicLong IDS = new AtomicLong();
    private static final Map<Long, BulkRows> OPEN = new ConcurrentHashMap<>();
    private static final Map<Object, Boolean> REGISTERED = new ConcurrentHashMap<>();

    private enum Kind { INT, BIGINT, BOOL, TEXT }

    /** Numbers written straight into DuckDB's vectors, else through its setters (a test flips it). */
    static boolean directFill = VectorMemory.AVAILABLE;

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
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS_IN_MEMORY);
    /** Batched: where each full set of chunks in memory is inserted, on the adding thread. */
    private Connection batchConn;
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
            // a map travels as a JSON object, which the insert casts
            case "MAP(VARCHAR, BIGINT)", "MAP(VARCHAR, VARCHAR)" -> Kind.TEXT;
            default -> throw new IllegalArgumentException("BulkRows: no column type " + type);
        };
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

    /** A MAP column: numbers stay numbers, anything else becomes text; NULL when null. */
    public BulkRows m(Map<?, ?> map) {
        if (map == null) {
            return nul();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.forEach((k, v) -> values.put(String.valueOf(k),
                v == null || v instanceof Long || v instanceof Integer ? v : v.toString()));
        return s(Json.MAPPER.writeValueAsString(values));
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
        current.anyNull[column] = true;
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
            if (batchConn != null && inMemory.size() == CHUNKS_PER_BATCH) {
                insertBatch();
            }
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
        if (batchConn != null || spillOut == null && inMemory.size() < CHUNKS_IN_MEMORY) {
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
                onOneThread(conn, () -> st.execute(rows.insertSql()));
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

    /**
     * Rows inserted a batch at a time on the adding thread, each time the chunks kept in memory
     * are full, and the rest at {@link #finish()}: for a thread that writes several tables on
     * one connection, where a streaming insert would hold the connection.
     */
    public static BulkRows batched(Connection conn, TableDef table) {
        BulkRows rows = new BulkRows(table);
        rows.batchConn = conn;
        return rows;
    }

    private void insertBatch() {
        register(batchConn);
        OPEN.put(id, this);
        try (Statement st = batchConn.createStatement()) {
            st.execute(insertSql());
        } catch (SQLException e) {
            throw new StoreException("cannot write to the database: " + e.getMessage(), e);
        } finally {
            OPEN.remove(id);
        }
        for (Chunk c : inMemory) {
            free.offer(c);
        }
        inMemory.clear();
        rows = 0;
    }

    /** Work that runs statements and gives a result. */
    interface SqlCall<T> {
        T call() throws SQLException;
    }

    /**
     * Runs {@code work} with DuckDB on one thread (the setting is the database's): a statement
     * that inserts rows made by Java then runs on the calling thread, where on more threads
     * the caller spins waiting for a worker that does the same work.
     */
    static <T> T onOneThread(Connection conn, SqlCall<T> work) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(ONE_THREAD_SQL);
            T result;
            try {
                result = work.call();
            } catch (SQLException | RuntimeException | Error e) {
                // the work's failure is the one to report; in an aborted transaction the
                // setting is restored by the rollback
                try {
                    st.execute(ALL_THREADS_SQL);
                } catch (SQLException restore) {
                    e.addSuppressed(restore);
                }
                throw e;
            }
            st.execute(ALL_THREADS_SQL);
            return result;
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

    /**
     * Streaming: sends the last rows, waits for the insert and reports its failure. Batched:
     * inserts the last rows.
     */
    public void finish() throws SQLException {
        if (batchConn != null) {
            if (current.size > 0) {
                keep(current);
                current = nextChunk();
            }
            if (!inMemory.isEmpty()) {
                insertBatch();
            }
            return;
        }
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
        String columns = table.columns().stream().map(c -> c.type().startsWith("MAP(")
                ? TextResource.fill("/sql/store/ddl/map_from_json.sql",
                        Map.of("column", c.name(), "type", c.type()))
                : "\"" + c.name() + "\"").collect(Collectors.joining(", "));
        return TextResource.fill("/sql/store/ddl/insert_bulk.sql", Map.of("table", table.name(),
                "columns", columns, "function", FUNCTION, "id", Long.toString(id)));
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

    /** Whether the row function is registered on {@code conn}. */
    static boolean registered(Connection conn) {
        return REGISTERED.containsKey(conn);
    }

    /** Jackson, loaded with the first MAP column: every command closes a database here. */
    private static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }

    /** Lets go of a closed connection: its function went with it. */
    static void forget(Connection conn) {
        REGISTERED.remove(conn);
    }

    private static void register(Connection conn) {
        Object db = conn;
        if (REGISTERED.putIfAbsent(db, Boolean.TRUE) != null) {
            return;
        }
        try {
            DuckDBFunctions.tableFunction().withName(FUNCTION)
                    .withParameter(DuckDBColumnType.BIGINT).withFunction(new Function())
                    .register(conn);
        } catch (SQLException e) {
            REGISTERED.remove(conn);
            throw new StoreException("cannot register the row function: " + e.getMessage(), e);
        }
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
        /** Whether a column has a NULL in this chunk. */
        final boolean[] anyNull;
        int size;

        void clear() {
            size = 0;
            for (int c = 0; c < nulls.length; c++) {
                if (anyNull[c]) {
                    java.util.Arrays.fill(nulls[c], false);
                    anyNull[c] = false;
                }
            }
        }

        Chunk(Kind[] kinds) {
            longs = new long[kinds.length][];
            texts = new String[kinds.length][];
            nulls = new boolean[kinds.length][CHUNK];
            anyNull = new boolean[kinds.length];
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
                if (directFill) {
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
                anyNull[c] = false;
                for (int r = 0; r < size; r++) {
                    nulls[c][r] = flags[r] != 0;
                    anyNull[c] |= nulls[c][r];
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
