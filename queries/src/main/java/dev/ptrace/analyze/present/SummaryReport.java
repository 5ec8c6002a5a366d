package dev.ptrace.analyze.present;

import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.analysis.contention.ContentionKey;
import dev.ptrace.analyze.analysis.contention.ContentionRow;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.knowledge.TextResource;
import java.io.PrintWriter;
import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.ChainAnalysis;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.chains.InversionFinder;
import dev.ptrace.analyze.analysis.chains.WhereWaitingWent;
import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import dev.ptrace.analyze.analysis.causes.CauseTaxonomy;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.findings.Findings;
import dev.ptrace.analyze.query.JsonRowWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * The first report on a trace: what was ingested (events by name, threads, time span, skipped
 * lines) and the top lock waits by caller, with perf lock contention's figures.
 */
public final class SummaryReport {
    public static final int TOP_WAITS = 10;
    private static final String OVERVIEW = TextResource.load("/sql/report/trace_overview.sql");
    private static final String EVENTS = TextResource.load("/sql/report/events_by_name.sql");
    private static final String SKIPPED = TextResource.load("/sql/report/skipped_by_reason.sql");
    private static final String UNMATCHED = TextResource.load("/sql/report/unmatched.sql");
    private static final String BPFTRACE = TextResource.load("/sql/report/bpftrace_output.sql");
    private static final String COVERAGE = TextResource.load("/sql/report/blame_coverage.sql");
    /** Chains and inversions the report shows. */
    public static final int TOP_CHAINS = 3;
    /** Findings the report shows first (the findings command shows them all). */
    public static final int TOP_FINDINGS = 3;

    private SummaryReport() {
    }

    public enum Format { TEXT, MD, JSON, HTML }

    /**
     * The report of each trace: text; Markdown (the text under a heading per trace, for CI
     * summaries); JSON (each trace's id, source, chains and inversions).
     */
    public static void print(Connection conn, List<Integer> traceIds, Integer pid, Integer tid,
                             Format format, PrintWriter out) throws SQLException {
        if (format == Format.JSON) {
            json(conn, traceIds, out);
            return;
        }
        for (int i = 0; i < traceIds.size(); i++) {
            if (format == Format.MD) {
                out.printf("%s## trace %d%n%n```text%n", i > 0 ? "\n" : "", traceIds.get(i));
            } else if (i > 0) {
                out.println();
            }
            print(conn, traceIds.get(i), pid, tid, out);
            if (format == Format.MD) {
                out.println("```");
            }
        }
        out.flush();
    }

    private static void json(Connection conn, List<Integer> traceIds, PrintWriter out)
            throws SQLException {
        try (JsonGenerator g = JsonRowWriter.JSON.createGenerator(ObjectWriteContext.empty(),
                out)) {
            g.writeStartObject();
            g.writeName("traces");
            g.writeStartArray();
            for (int id : traceIds) {
                ChainAnalysis walked = ChainAnalysis.of(conn, id,
                        new CauseClassifier(CauseTaxonomy.shipped()));
                List<Chain> chains = walked.chains();
                g.writeStartObject();
                g.writeNumberProperty("trace_id", id);
                try (PreparedStatement ps = conn.prepareStatement(OVERVIEW)) {
                    ps.setInt(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        g.writeStringProperty("source", rs.getString("source"));
                        g.writeStringProperty("format", rs.getString("format"));
                        g.writeNumberProperty("events", rs.getLong("events"));
                        g.writeNumberProperty("skipped_lines", rs.getLong("skipped_lines"));
                    }
                }
                g.writeName("unmatched");
                g.writeStartArray();
                try (PreparedStatement ps = conn.prepareStatement(UNMATCHED)) {
                    ps.setInt(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            g.writeStartObject();
                            g.writeStringProperty("what", rs.getString("what"));
                            g.writeNumberProperty("count", rs.getLong("n"));
                            long ns = rs.getLong("ns");
                            if (!rs.wasNull()) {
                                g.writeNumberProperty("ns", ns);
                            }
                            g.writeStringProperty("meaning", rs.getString("meaning"));
                            g.writeEndObject();
                        }
                    }
                }
                g.writeEndArray();
                g.writeName("findings");
                FindingsPrinter.writeFindings(g, Findings.of(conn, id, chains));
                g.writeName("where_the_waiting_went");
                AttributionPrinter.writeCells(g, walked.cells());
                g.writeName("inversions");
                ChainPrinter.writeInversions(g, InversionFinder.find(conn, id, chains));
                g.writeName("chains");
                ChainPrinter.writeChains(g, chains);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
        out.flush();
    }

    /** The report; {@code pid} and {@code tid} (null: all) narrow the lock waits shown. */
    public static void print(Connection conn, int traceId, Integer pid, Integer tid,
                             PrintWriter out) throws SQLException {
        ChainAnalysis walked = ChainAnalysis.of(conn, traceId,
                new CauseClassifier(CauseTaxonomy.shipped()));
        List<Chain> chains = walked.chains();
        overview(conn, traceId, out);
        List<Finding> findings = Findings.of(conn, traceId, chains);
        if (!findings.isEmpty()) {
            out.println();
            FindingsPrinter.text(findings, findings.subList(0, Math.min(TOP_FINDINGS,
                    findings.size())), out);
        }
        eventsByName(conn, traceId, out);
        otherOutput(conn, traceId, out);
        skipped(conn, traceId, out);
        unmatched(conn, traceId, out);
        topWaits(conn, traceId, pid, tid, out);
        chainsAndInversions(conn, traceId, chains, walked.cells(), out);
        out.flush();
    }

    private static void chainsAndInversions(Connection conn, int traceId, List<Chain> chains,
                                            List<WhereWaitingWent.Cell> cells, PrintWriter out)
            throws SQLException {
        if (chains.isEmpty()) {
            return;
        }
        out.println();
        out.println("who held the locks waited for (share of wait time with a known blocker, "
                + "and held directly by it):");
        try (PreparedStatement ps = conn.prepareStatement(COVERAGE)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long wait = rs.getLong(2);
                    out.printf("  %-24s %12s waited, %5.1f%% known blocker, %5.1f%% holder%n",
                            rs.getString(1), PerfTime.format(wait, 12).strip(),
                            percent(rs.getLong(3), wait), percent(rs.getLong(4), wait));
                }
            }
        }
        out.println();
        out.println("where the waiting went (what the waiters were doing, by what the thread "
                + "at the root of their chain spent its hold on):");
        AttributionPrinter.matrices(cells, false, out);
        List<Inversion> inversions = InversionFinder.find(conn, traceId, chains);
        out.println();
        out.printf("priority inversions (%d of %d):%n", Math.min(TOP_CHAINS, inversions.size()),
                inversions.size());
        ChainPrinter.inversionsText(inversions,
                inversions.subList(0, Math.min(TOP_CHAINS, inversions.size())), out);
        out.println();
        out.printf("wait chains (%d of %d, the most waiting first):%n",
                Math.min(TOP_CHAINS, chains.size()), chains.size());
        ChainPrinter.chainsText(chains, chains.subList(0, Math.min(TOP_CHAINS, chains.size())),
                out);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
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
        section(conn, BPFTRACE, traceId, "maps and text (tables bpftrace_maps, "
                + "bpftrace_histograms, text_lines):", out, rs -> out.printf("  %,10d  %s%n",
                rs.getLong("n"), rs.getString("what")));
    }

    private static void skipped(Connection conn, int traceId, PrintWriter out)
            throws SQLException {
        section(conn, SKIPPED, traceId, "skipped lines by reason (examples in ingest_problems):",
                out, rs -> {
                    long line = rs.getLong("first_line");
                    String first = rs.wasNull() ? "" : " (first at line " + line + ")";
                    out.printf("  %,10d  %s%s%n", rs.getLong("value"), rs.getString("name"),
                            first);
                });
    }

    /** What the analysis could not match: said, so that no figure passes for more than it is. */
    private static void unmatched(Connection conn, int traceId, PrintWriter out)
            throws SQLException {
        section(conn, UNMATCHED, traceId, "not matched in the trace (figures count these only "
                + "up to its edges, or leave them out):", out, rs -> {
                    long ns = rs.getLong("ns");
                    String time = rs.wasNull() ? "" : " (" + PerfTime.format(ns, 12).strip() + ")";
                    out.printf("  %,10d  %s%s: %s%n", rs.getLong("n"), rs.getString("what"),
                            time, rs.getString("meaning"));
                });
    }

    private interface RowPrinter {
        void print(ResultSet rs) throws SQLException;
    }

    /** A section of the report from a query of one trace: its heading, then a line per row. */
    private static void section(Connection conn, String sql, int traceId, String heading,
                                PrintWriter out, RowPrinter row) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                boolean first = true;
                while (rs.next()) {
                    if (first) {
                        out.println();
                        out.println(heading);
                        first = false;
                    }
                    row.print(rs);
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
