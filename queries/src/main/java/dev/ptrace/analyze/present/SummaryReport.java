package dev.ptrace.analyze.present;

import dev.ptrace.analyze.analysis.contention.ContentionKey;
import dev.ptrace.analyze.analysis.contention.ContentionRow;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.knowledge.SqlResource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The first report on a trace: what was ingested (events by name, threads, time span, skipped
 * lines) and the top lock waits by caller, with perf lock contention's figures.
 */
public final class SummaryReport {
    public static final int TOP_WAITS = 10;
    private static final String OVERVIEW = SqlResource.load("/sql/report/trace_overview.sql");
    private static final String EVENTS = SqlResource.load("/sql/report/events_by_name.sql");
    private static final String SKIPPED = SqlResource.load("/sql/report/skipped_by_reason.sql");
    private static final String BPFTRACE = SqlResource.load("/sql/report/bpftrace_output.sql");

    private SummaryReport() {
    }

    /** The report; {@code pid} and {@code tid} (null: all) narrow the lock waits shown. */
    public static void print(Connection conn, int traceId, Integer pid, Integer tid,
                             PrintWriter out) throws SQLException {
        overview(conn, traceId, out);
        eventsByName(conn, traceId, out);
        otherOutput(conn, traceId, out);
        skipped(conn, traceId, out);
        topWaits(conn, traceId, pid, tid, out);
        out.flush();
    }

    private static void overview(Connection conn, int traceId, PrintWriter out)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(OVERVIEW)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                out.printf("trace %d: %s (%s)%n", traceId, rs.getString("source"),
                        rs.getString("format"));
                String kernel = rs.getString("os_release");
                if (kernel != null) {
                    out.printf("  kernel %s, %d CPUs%n", kernel, rs.getInt("nrcpus"));
                }
                long first = rs.getLong("first_ts");
                boolean empty = rs.wasNull();
                out.printf("  %,d events in %,d lines, %,d distinct stacks, %,d threads%s%n",
                        rs.getLong("events"), rs.getLong("lines"), rs.getLong("stacks"),
                        rs.getLong("threads"), processes(rs.getLong("processes")));
                if (!empty) {
                    out.printf("  time %s to %s s: %s%n", seconds(first),
                            seconds(rs.getLong("last_ts")),
                            PerfTime.format(rs.getLong("span_ns"), 12).strip());
                }
                out.printf("  skipped lines: %,d%n", rs.getLong("skipped_lines"));
                long lost = rs.getLong("lost_events");
                if (lost > 0) {
                    out.printf("  LOST EVENTS: %,d (the capture tool says so: figures may be "
                            + "incomplete)%n", lost);
                }
            }
        }
    }

    private static String processes(long n) {
        return n > 0 ? " in " + n + (n == 1 ? " process" : " processes") : "";
    }

    private static String seconds(long ns) {
        return String.format("%d.%06d", ns / 1_000_000_000L, (ns % 1_000_000_000L) / 1000);
    }

    private static void eventsByName(Connection conn, int traceId, PrintWriter out)
            throws SQLException {
        out.println();
        out.println("events by name:");
        boolean none = true;
        try (PreparedStatement ps = conn.prepareStatement(EVENTS)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    none = false;
                    out.printf("  %,10d  %-40s (table %s)%n", rs.getLong("events"),
                            rs.getString("event"), rs.getString("table_name"));
                }
            }
        }
        if (none) {
            out.println("  none");
        }
    }

    /** Map output and text lines (bpftrace), when the trace has any. */
    private static void otherOutput(Connection conn, int traceId, PrintWriter out)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(BPFTRACE)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                boolean first = true;
                while (rs.next()) {
                    if (first) {
                        out.println();
                        out.println("maps and text (tables bpftrace_maps, bpftrace_histograms, "
                                + "text_lines):");
                        first = false;
                    }
                    out.printf("  %,10d  %s%n", rs.getLong("n"), rs.getString("what"));
                }
            }
        }
    }

    private static void skipped(Connection conn, int traceId, PrintWriter out)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(SKIPPED)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                boolean first = true;
                while (rs.next()) {
                    if (first) {
                        out.println();
                        out.println("skipped lines by reason (examples in ingest_problems):");
                        first = false;
                    }
                    long line = rs.getLong("first_line");
                    out.printf("  %,10d  %s%s%n", rs.getLong("value"), rs.getString("name"),
                            rs.wasNull() ? "" : " (first at line " + line + ")");
                }
            }
        }
    }

    private static void topWaits(Connection conn, int traceId, Integer pid, Integer tid,
                                 PrintWriter out) throws SQLException {
        PerfLockContention.Result r = PerfLockContention.run(conn, traceId,
                PerfLockContention.Options.perfDefaults(ContentionKey.CALLER)
                        .forProcess(pid, tid));
        out.println();
        if (r.rows().isEmpty()) {
            out.println("lock waits: none (no lock:contention_begin/end events in the trace)");
            return;
        }
        List<ContentionRow> top = r.rows().subList(0, Math.min(TOP_WAITS, r.rows().size()));
        out.printf("top lock waits by caller (%d of %d rows, as perf lock contention%s):%n",
                top.size(), r.rows().size(), pid != null ? ", process " + pid
                        : tid != null ? ", thread " + tid : "");
        ContentionPrinter.text(r, top, out);
    }
}
