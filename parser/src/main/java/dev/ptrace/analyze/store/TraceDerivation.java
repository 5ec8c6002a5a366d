package dev.ptrace.analyze.store;

import dev.ptrace.analyze.event.EventHandler;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * Work that derives tables from a trace's events once they are stored, inside the ingest's
 * transaction: a failure rolls the whole trace back, and a success is recorded in
 * {@code derivations}. The analysis module provides one.
 */
public interface TraceDerivation {
    /** What it reads and the tables it writes. */
    DerivedTables declared();

    /**
     * What a derivation sees of one trace while it is stored: every event, in input order, on
     * the thread that writes them. What it gathers is handed to {@link #derive}.
     */
    interface Watcher extends EventHandler, AutoCloseable {
        /** Releases what it gathered (temporary files). */
        @Override
        void close();
    }

    /** A watcher for the next trace, or null when the derivation reads only the tables. */
    default Watcher watcher() {
        return null;
    }

    /** Derives the tables of trace {@code traceId}; {@code watched}: its watcher, or null. */
    void derive(DuckDBConnection conn, int traceId, Watcher watched) throws SQLException;
}
