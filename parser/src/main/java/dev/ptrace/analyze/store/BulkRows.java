package dev.ptrace.analyze.store;

import dev.ptrace.analyze.knowledge.TextResource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Rows of one table, added column by column (by the writers generated for its row record)
 * and inserted through {@link RowFunction}, in one of three ways: all at once when asked
 * ({@link #insert}; rows past a memory budget wait in a {@link ChunkSpill}), a batch at a time
 * as they come ({@link #batched}), or streamed to an insert running on its own thread
 * ({@link #streaming}).
 */
public final class BulkRows extends RowBuilder implements AutoCloseable {
    /** Chunks kept in memory before the rest goes to a temporary file (about 4 MB). */
    private static final int CHUNKS_IN_MEMORY = 16;
    /** Batched: chunks per insert; few, as the rows wait in the young heap until inserted. */
    private static final int CHUNKS_PER_BATCH = 4;
    private static final String ONE_THREAD_SQL = TextResource.load("/sql/store/one_thread.sql");
    private static final String ALL_THREADS_SQL =
            TextResource.load("/sql/store/all_threads.sql");
    private static final RowChunk END = new RowChunk(new ColumnKind[0]);

    private final TableDef table;
    private final ChunkSpill kept;
    /** Chunks an insert or the temporary file is done with, to be filled again: less garbage. */
    private final BlockingQueue<RowChunk> free = new ArrayBlockingQueue<>(CHUNKS_IN_MEMORY);
    private boolean direct = VectorMemory.AVAILABLE;
    /** Batched: where each full set of chunks in memory is inserted, on the adding thread. */
    private Connection batchConn;
    /** Streaming: chunks go to the insert running on its own thread through this queue. */
    private BlockingQueue<RowChunk> queue;
    private Thread inserter;
    private volatile Throwable failure;

    public BulkRows(TableDef table) {
        super(table.name(), ColumnKind.of(table));
        this.table = table;
        this.kept = new ChunkSpill(table.name(), CHUNKS_IN_MEMORY);
    }

    /**
     * Rows inserted as they are added: the insert runs on a thread of its own, taking each
     * chunk as it fills, so that producing the rows and storing them use both cores. The
     * connection must run nothing else until {@link #finish()}.
     */
    public static BulkRows streaming(Connection conn, TableDef table) {
        BulkRows rows = new BulkRows(table);
        rows.queue = new ArrayBlockingQueue<>(4);
        rows.inserter = new Thread(() -> {
            try {
                // on more threads, DuckDB's worker would wait for the rows and the inserting
                // thread spin waiting for it: on one, the inserting thread does the work
                onOneThread(conn, () -> {
                    rows.insert(conn, rows.new Streamed());
                    return null;
                });
            } catch (Throwable t) {
                rows.failure = t;
                rows.queue.clear();
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

    /** Numbers through DuckDB's setters rather than into its vector memory (a test compares). */
    BulkRows throughSetters() {
        direct = false;
        return this;
    }

    @Override
    RowChunk full(RowChunk c) {
        if (queue != null) {
            hand(c);
            return nextChunk();
        }
        RowChunk written = kept.add(c);
        if (batchConn != null && kept.inMemory() == CHUNKS_PER_BATCH) {
            insertKept(batchConn);
        }
        return written != null ? written : nextChunk();
    }

    private RowChunk nextChunk() {
        RowChunk c = free.poll();
        return c != null ? c : new RowChunk(kinds);
    }

    /** Inserts every row added into the table, in the order added; then starts empty. */
    public void insert(Connection conn) throws SQLException {
        flush();
        if (rows() == 0) {
            return;
        }
        try {
            insert(conn, new Kept());
        } finally {
            kept.clear();
            restart();
        }
    }

    private void insert(Connection conn, RowFunction.Source source) throws SQLException {
        RowFunction.insert(conn, table, kinds, direct, source);
    }

    private void insertKept(Connection conn) {
        try {
            insert(conn, new Kept());
        } catch (SQLException e) {
            throw new StoreException("cannot write to the database: " + e.getMessage(), e);
        } finally {
            kept.clear();
            restart();
        }
    }

    /**
     * Streaming: sends the last rows, waits for the insert and reports its failure. Batched:
     * inserts the last rows.
     */
    public void finish() throws SQLException {
        flush();
        if (batchConn != null) {
            if (kept.inMemory() > 0) {
                insertKept(batchConn);
            }
            return;
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

    private void hand(RowChunk c) {
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
        kept.clear();
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

    /** The kept chunks, for an insert on the adding thread; each is filled again after. */
    private final class Kept implements RowFunction.Source {
        private final ChunkSpill.Reader reader = kept.reader(kinds);

        @Override
        public RowChunk next() throws IOException {
            return reader.next();
        }

        @Override
        public void done(RowChunk c) {
            // the file's chunk is the reader's own, filled again by its next read
            if (!reader.owns(c)) {
                free.offer(c);
            }
        }
    }

    /** The chunks handed over as they fill, for the insert on its own thread. */
    private final class Streamed implements RowFunction.Source {
        @Override
        public RowChunk next() throws IOException {
            try {
                RowChunk c = queue.take();
                return c == END ? null : c;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void done(RowChunk c) {
            free.offer(c);
        }
    }
}
