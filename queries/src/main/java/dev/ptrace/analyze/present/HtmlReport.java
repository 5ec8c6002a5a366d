package dev.ptrace.analyze.present;

import dev.ptrace.analyze.analysis.contention.ContentionRow;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.query.JsonRowWriter;
import dev.ptrace.analyze.report.ReportPictures;
import dev.ptrace.analyze.report.TraceReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * The report as one self-contained HTML file (report.html: styles and scripts inline, no
 * network): the sections of the text report (summary, findings, top waits by caller, who held
 * the locks, where the waiting went, priority inversions, wait chains as trees, events by
 * name, data quality) and two pictures: a thread timeline of states, waits and holds, and a
 * wait-time flame graph to click through. The data
 * goes into the page as JSON, which the page's script draws.
 */
public final class HtmlReport {
    private static final String TEMPLATE = TextResource.load("/html/report.html");
    public static final int CHAINS = 5;
    public static final int CONTENTION_ROWS = 15;

    private HtmlReport() {
    }

    public static void write(TraceReport r, ReportPictures pictures, PrintWriter out) {
        StringWriter json = new StringWriter();
        try (JsonGenerator g = JsonRowWriter.JSON.createGenerator(ObjectWriteContext.empty(),
                json)) {
            g.writeStartObject();
            g.writeName("summary");
            summary(r.overview(), g);
            g.writeName("findings");
            FindingsPrinter.writeFindings(g, r.findings());
            g.writeName("timeline");
            timeline(r.overview().spanNs(), pictures.tracks(), g);
            g.writeName("chains");
            ChainPrinter.writeChains(g, r.chains().subList(0, Math.min(CHAINS,
                    r.chains().size())));
            g.writeName("flame");
            flame(pictures.flame(), g);
            g.writeName("contention");
            contention(r.waits(), g);
            ReportJson.writeWaitingSections(g, r);
            g.writeName("events_by_name");
            ReportJson.writeEvents(g, r.eventsByName());
            g.writeName("data_quality");
            g.writeStartArray();
            for (TraceReport.Skipped k : r.skipped()) {
                g.writeStartObject();
                g.writeStringProperty("what", "skipped lines: " + k.reason());
                g.writeNumberProperty("count", k.lines());
                g.writeStringProperty("meaning", k.firstLine() == null ? ""
                        : "first at line " + k.firstLine());
                g.writeEndObject();
            }
            for (TraceReport.Unmatched u : r.unmatched()) {
                g.writeStartObject();
                g.writeStringProperty("what", u.what());
                g.writeNumberProperty("count", u.n());
                g.writeStringProperty("meaning", u.meaning());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        // the JSON sits in a <script> element: "</" would end it
        out.print(TEMPLATE.replace("/*DATA*/", json.toString().replace("</", "<\\/")));
        out.flush();
    }

    private static void summary(TraceReport.Overview o, JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("source", o.source());
        g.writeStringProperty("format", o.format());
        g.writeStringProperty("kernel", o.osRelease());
        g.writeStringProperty("span", PerfTime.format(o.spanNs()));
        g.writeNumberProperty("events", o.events());
        g.writeNumberProperty("threads", o.threads());
        g.writeNumberProperty("skipped_lines", o.skippedLines());
        g.writeEndObject();
    }

    private static void timeline(long span, List<ReportPictures.Track> tracks, JsonGenerator g) {
        g.writeStartObject();
        g.writeNumberProperty("span_ns", span);
        g.writeName("threads");
        g.writeStartArray();
        for (ReportPictures.Track t : tracks) {
            g.writeStartObject();
            g.writeNumberProperty("tid", t.tid());
            g.writeStringProperty("comm", t.comm());
            g.writeName("prio");
            JsonRowWriter.writeValue(g, t.prio());
            spans(g, "holds", t.holds());
            spans(g, "states", t.states());
            spans(g, "waits", t.waits());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void spans(JsonGenerator g, String name, List<ReportPictures.Span> spans) {
        g.writeName(name);
        g.writeStartArray();
        for (ReportPictures.Span s : spans) {
            g.writeStartArray();
            g.writeNumber(s.begin());
            g.writeNumber(s.end());
            g.writeString(s.what());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void flame(List<ReportPictures.FoldedStack> stacks, JsonGenerator g) {
        g.writeStartArray();
        for (ReportPictures.FoldedStack s : stacks) {
            g.writeStartArray();
            g.writeString(s.stack());
            g.writeNumber(s.ns());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void contention(PerfLockContention.Result r, JsonGenerator g) {
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
