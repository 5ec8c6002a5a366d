package dev.ptrace.analyze.store;

import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * Work that derives tables from a trace's events once they are stored, inside the ingest's
 * transaction: a failure rolls the whole trace back. The analysis module provides one.
 */
@FunctionalInterface
public interface TraceDerivation {
    void derive(DuckDBConnection conn, int traceId) throws SQLException;
}
