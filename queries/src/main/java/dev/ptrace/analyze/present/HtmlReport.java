package dev.ptrace.analyze.present;

import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.WaitChainBuilder;
import dev.ptrace.analyze.analysis.contention.ContentionKey;
import dev.ptrace.analyze.analysis.contention.ContentionRow;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.analysis.findings.Findings;
import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.export.FoldedStacks;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.query.JsonRowWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * The report as one self-contained HTML file (report.html: styles and scripts inline, no
 * network): summary, findings, a thread timeline of states, waits and holds, the chains as
 * trees, a wait-time flame graph to click through, and the top waits by caller. The data
 * goes into the page as JSON, which the page's script draws.
 */
public final class HtmlReport {
    private static final String TEMPLATE = TextResource.load("/html/report.html");
    private static final String OVERVIEW = TextResource.load("/sql/report/trace_overview.sql");
    private static final String TIMELINE = TextResource.load("/sql/report/timeline.sql");
    /** Threads the timeline shows, the most waiting and holding first. */
    public static final int TIMELINE_THREADS = 24;
    public static final int CHAINS = 5;
    public static final int CONTENTION_ROWS = 15;

    private HtmlReport() {
    }

    public static void write(Connection conn, int traceId, PrintWriter out)
            throws SQLException {
        StringWriter json = new StringWriter();
        List<Chain> chains = WaitChainBuilder.build(conn, traceId);
        try (JsonGenerator g = JsonRowWriter.JSON.createGenerator(ObjectWriteContext.empty(),
                json)) {
            g.writeStartObject();
            g.writeName("summary");
            long span = summary(conn, traceId, g);
            g.writeName("findings");
            FindingsPrinter.writeFindings(g, Findings.of(conn, traceId, chains));
            g.writeName("timeline");
            timeline(conn, traceId, span, g);
            g.writeName("chains");
            ChainPrinter.writeChains(g, chains.subList(0, Math.min(CHAINS, chains.size())));
            g.writeName("flame");
            flame(conn, traceId, g);
            g.writeName("contention");
            contention(conn, traceId, g);
            g.writeEndObject();
        }
        // the JSON sits in a <script> element: "</" would end it
        out.print(TEMPLATE.replace("/*DATA*/", json.toString().replace("</", "<\\/")));
        out.flush();
    }

    private static long summary(Connection conn, int traceId, JsonGenerator g)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(OVERVIEW)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                g.writeStartObject();
                g.writeStringProperty("source", rs.getString("source"));
                g.writeStringProperty("format", rs.getString("format"));
                g.writeStringProperty("kernel", rs.getString("os_release"));
                g.writeStringProperty("span", PerfTime.format(rs.getLong("span_ns")));
                g.writeNumberProperty("events", rs.getLong("events"));
                g.writeNumberProperty("threads", rs.getLong("threads"));
                g.writeNumberProperty("skipped_lines", rs.getLong("skipped_lines"));
                g.writeEndObject();
                return rs.getLong("span_ns");
            }
        }
    }

    private static void timeline(Connection conn, int traceId, long span, JsonGenerator g)
            throws SQLException {
        g.writeStartObject();
        g.writeNumberProperty("span_ns", span);
        g.writeName("threads");
        g.writeStartArray();
        try (PreparedStatement ps = conn.prepareStatement(TIMELINE)) {
            ps.setInt(1, traceId);
            ps.setInt(2, TIMELINE_THREADS);
            try (ResultSet rs = ps.executeQuery()) {
                Integer tid = null;
                String kind = null;
                while (rs.next()) {
                    int t = rs.getInt("tid");
                    if (tid == null || t != tid) {
                        if (tid != null) {
                            g.writeEndArray();
                            fillMissing(g, kind);
                            g.writeEndObject();
                        }
                        tid = t;
                        kind = null;
                        g.writeStartObject();
                        g.writeNumberProperty("tid", t);
                        g.writeStringProperty("comm", rs.getString("comm"));
                        g.writeName("prio");
                        JsonRowWriter.writeValue(g, rs.getObject("prio"));
                    }
                    String k = rs.getString("kind");
                    if (!k.equals(kind)) {
                        if (kind != null) {
                            g.writeEndArray();
                        }
                        skipBetween(g, kind, k);
                        g.writeName(k + "s");
                        g.writeStartArray();
                        kind = k;
                    }
                    g.writeStartArray();
                    g.writeNumber(rs.getLong("b"));
                    g.writeNumber(rs.getLong("e"));
                    g.writeString(rs.getString("what"));
                    g.writeEndArray();
                }
                if (tid != null) {
                    g.writeEndArray();
                    fillMissing(g, kind);
                    g.writeEndObject();
                }
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static final List<String> KINDS = List.of("hold", "state", "wait");

    /** Empty arrays for the kinds (in KINDS order) between two a thread has. */
    private static void skipBetween(JsonGenerator g, String after, String before) {
        int from = after == null ? 0 : KINDS.indexOf(after) + 1;
        for (int i = from; i < KINDS.indexOf(before); i++) {
            g.writeName(KINDS.get(i) + "s");
            g.writeStartArray();
            g.writeEndArray();
        }
    }

    private static void fillMissing(JsonGenerator g, String last) {
        for (int i = KINDS.indexOf(last) + 1; i < KINDS.size(); i++) {
            g.writeName(KINDS.get(i) + "s");
            g.writeStartArray();
            g.writeEndArray();
        }
    }

    private static void flame(Connection conn, int traceId, JsonGenerator g)
            throws SQLException {
        StringWriter folded = new StringWriter();
        FoldedStacks.write(conn, traceId, FoldedStacks.Mode.WAITS, null, false,
                new PrintWriter(folded));
        g.writeStartArray();
        for (String line : folded.toString().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space > 0) {
                g.writeStartArray();
                g.writeString(line.substring(0, space));
                g.writeNumber(Long.parseLong(line.substring(space + 1)));
                g.writeEndArray();
            }
        }
        g.writeEndArray();
    }

    private static void contention(Connection conn, int traceId, JsonGenerator g)
            throws SQLException {
        PerfLockContention.Result r = PerfLockContention.run(conn, traceId,
                PerfLockContention.Options.perfDefaults(ContentionKey.CALLER));
        g.writeStartArray();
        for (ContentionRow row : r.rows().subList(0, Math.min(CONTENTION_ROWS,
                r.rows().size()))) {
            g.writeStartObject();
            g.writeNumberProperty("contended", row.contended());
            g.writeNumberProperty("total_ns", row.totalNs());
            g.writeNumberProperty("max_ns", row.maxNs());
            g.writeNumberProperty("avg_ns", row.avgNs());
            g.writeStringProperty("type", row.type());
            g.writeStringProperty("caller", row.label());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
