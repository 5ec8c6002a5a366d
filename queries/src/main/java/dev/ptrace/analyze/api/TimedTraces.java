package dev.ptrace.analyze.api;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.read.InputException;
import dev.ptrace.analyze.store.Query;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * Refuses, in one line, what needs time on a trace whose events have none (perf script printed
 * without {@code -F time}): the lock analysis orders events by time, and a trace without times
 * has no derived tables to answer from. Its stacks and tables are there for folding and SQL.
 */
final class TimedTraces {
    private static final String UNTIMED_SQL = TextResource.load("/sql/api/trace_without_time.sql");

    private final Connection conn;
    private final Set<Integer> timed = new HashSet<>();

    TimedTraces(Connection conn) {
        this.conn = conn;
    }

    /**
     * Returns when every event of trace {@code traceId} has a time.
     *
     * @param what what needs it, as the user asked for it ("contention", "the report")
     * @throws InputException naming the trace's file when they do not
     */
    void require(int traceId, String what) throws SQLException {
        if (!timed(traceId)) {
            throw untimed(traceId, what);
        }
    }

    /** Whether every event of trace {@code traceId} has a time. */
    boolean timed(int traceId) throws SQLException {
        if (timed.contains(traceId)) {
            return true;
        }
        if (Query.first(conn, UNTIMED_SQL, rs -> true, traceId) != null) {
            return false;
        }
        timed.add(traceId);
        return true;
    }

    private InputException untimed(int traceId, String what) throws SQLException {
        return Query.first(conn, UNTIMED_SQL, rs -> {
            long untimed = rs.getLong("untimed");
            long events = rs.getLong("events");
            return new InputException(rs.getString("source"), 0, (untimed == events
                    ? "its events have no time" : String.format(java.util.Locale.ROOT,
                            "%,d of its %,d events have no time", untimed, events))
                    + " (perf script printed without -F time): " + what + " needs it;"
                    + " print the capture again with the time field (export --folded"
                    + " and sql work without)");
        }, traceId);
    }
}
