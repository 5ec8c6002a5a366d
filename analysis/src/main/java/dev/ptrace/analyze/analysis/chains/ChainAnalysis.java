package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.duckdb.DuckDBConnection;

/**
 * The wait chains of a trace and where its waiting went, from one walk over its blame: what
 * the report shows both of, at the cost of one.
 */
public record ChainAnalysis(List<Chain> chains, List<WhereWaitingWent.Cell> cells) {
    /**
     * The walk started on a thread and a connection of its own, so that it runs while the
     * caller works out the rest of a report on the other core; {@link Background#get()} waits
     * for it.
     */
    public static Background start(Connection conn, int traceId, CauseClassifier classifier)
            throws SQLException {
        return new Background(conn.unwrap(DuckDBConnection.class).duplicate(), traceId,
                classifier);
    }

    /** A walk running on its own thread and connection. */
    public static final class Background implements AutoCloseable {
        private final Connection aside;
        private final FutureTask<ChainAnalysis> task;
        private final Thread thread;

        private Background(Connection aside, int traceId, CauseClassifier classifier) {
            this.aside = aside;
            this.task = new FutureTask<>(() -> of(aside, traceId, classifier));
            this.thread = new Thread(task, "ptrace-analyze chains");
            thread.setDaemon(true);
            thread.start();
        }

        /** The walk's result, once it has ended; its failure, rethrown. */
        public ChainAnalysis get() throws SQLException {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while walking the wait chains", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof SQLException s) {
                    throw s;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new SQLException(cause);
            }
        }

        /** Waits for the walk (whatever became of it) and closes its connection. */
        @Override
        public void close() throws SQLException {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            aside.close();
        }
    }

    public static ChainAnalysis of(Connection conn, int traceId, CauseClassifier classifier)
            throws SQLException {
        List<BlamedWait> waits = WaitWalk.waits(conn, traceId);
        WaitChainBuilder.Tracer tracer = new WaitChainBuilder.Tracer(waits.size());
        try (WhereWaitingWent.Cells cells = new WhereWaitingWent.Cells(conn, traceId,
                classifier)) {
            WaitWalk.walk(conn, traceId, waits, tracer, cells);
            return new ChainAnalysis(tracer.chains(conn, traceId), cells.sorted());
        }
    }
}
