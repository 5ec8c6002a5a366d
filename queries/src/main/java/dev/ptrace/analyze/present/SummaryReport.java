package dev.ptrace.analyze.present;

import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.contention.ContentionRow;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.query.JsonRowWriter;
import dev.ptrace.analyze.report.TraceReport;
import java.io.PrintWriter;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * The report of a trace as text, Markdown or JSON, rendered from its {@link TraceReport}: what
 * was ingested, the findings, the top lock waits with perf lock contention's figures, who held
 * the locks, where the waiting went, the inversions and the wait chains.
 */
public final class SummaryReport {
    public static final int TOP_WAITS = 10;
    /** Chains and inversions the report shows. */
    public static final int TOP_CHAINS = 3;
    /** Findings the report shows first (the findings command shows them all). */
    public static final int TOP_FINDINGS = 3;

    private SummaryReport() {
    }

    public enum Format { TEXT, MD, JSON, HTML }

    /**
     * Renders the report of each trace: text; Markdown (the text under a heading per trace,
     * for CI summaries); JSON (the same sections, every row of them).
     */
    public static void print(List<TraceReport> reports, Format format, PrintWriter out) {
        if (format == Format.JSON) {
            json(reports, out);
            return;
        }
        for (int i = 0; i < reports.size(); i++) {
            if (format == Format.MD) {
                out.printf("%s## trace %d%n%n```text%n", i > 0 ? "\n" : "",
                        reports.get(i).traceId());
            } else if (i > 0) {
                out.println();
            }
            text(reports.get(i), out);
            if (format == Format.MD) {
                out.println("```");
            }
        }
        out.flush();
    }

    private static void json(List<TraceReport> reports, PrintWriter out) {
        try (JsonGenerator g = JsonRowWriter.JSON.createGenerator(ObjectWriteContext.empty(),
                out)) {
            g.writeStartObject();
            g.writeName("traces");
            g.writeStartArray();
            for (TraceReport r : reports) {
                g.writeStartObject();
                g.writeNumberProperty("trace_id", r.traceId());
                g.writeStringProperty("source", r.overview().source());
                g.writeStringProperty("format", r.overview().format());
                g.writeNumberProperty("events", r.overview().events());
                g.writeNumberProperty("skipped_lines", r.overview().skippedLines());
                overview(g, r.overview());
                g.writeName("events_by_name");
                ReportJson.writeEvents(g, r.eventsByName());
                g.writeName("other_output");
                g.writeStartArray();
                for (TraceReport.OutputCount o : r.otherOutput()) {
                    g.writeStartObject();
                    g.writeStringProperty("what", o.what());
                    g.writeNumberProperty("count", o.n());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeName("skipped");
                g.writeStartArray();
                for (TraceReport.Skipped k : r.skipped()) {
                    g.writeStartObject();
                    g.writeStringProperty("reason", k.reason());
                    g.writeNumberProperty("lines", k.lines());
                    if (k.firstLine() != null) {
                        g.writeNumberProperty("first_line", k.firstLine());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeName("unmatched");
                g.writeStartArray();
                for (TraceReport.Unmatched u : r.unmatched()) {
                    g.writeStartObject();
                    g.writeStringProperty("what", u.what());
                    g.writeNumberProperty("count", u.n());
                    if (u.ns() != null) {
                        g.writeNumberProperty("ns", u.ns());
                    }
                    g.writeStringProperty("meaning", u.meaning());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeName("findings");
                FindingsPrinter.writeFindings(g, r.findings());
                g.writeName("top_waits");
                ContentionPrinter.writeResult(g, r.waits(), r.waits().rows().subList(0,
                        Math.min(TOP_WAITS, r.waits().rows().size())));
                ReportJson.writeWaitingSections(g, r);
                g.writeName("chains");
                ChainPrinter.writeChains(g, r.chains());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
        out.flush();
    }

    /** The overview's figures beyond those the JSON report began with. */
    private static void overview(JsonGenerator g, TraceReport.Overview o) {
        g.writeStringProperty("kernel", o.osRelease());
        if (o.osRelease() != null) {
            g.writeNumberProperty("cpus", o.nrcpus());
        }
        g.writeNumberProperty("lines", o.lines());
        if (o.binary()) {
            g.writeNumberProperty("records", o.records());
            g.writeStringProperty("kernel_symbols", o.kernelSymbols());
            g.writeStringProperty("unnamed_frames", o.unnamedFrames());
        }
        g.writeNumberProperty("stacks", o.stacks());
        g.writeNumberProperty("threads", o.threads());
        g.writeNumberProperty("processes", o.processes());
        if (o.firstTs() != null) {
            g.writeNumberProperty("first_ts", o.firstTs());
            g.writeNumberProperty("last_ts", o.lastTs());
            g.writeNumberProperty("span_ns", o.spanNs());
        }
        g.writeNumberProperty("lost_events", o.lostEvents());
    }

    /** The report of one trace as text. */
    public static void text(TraceReport r, PrintWriter out) {
        overview(r, out);
        List<Finding> findings = r.findings();
        if (!findings.isEmpty()) {
            out.println();
            FindingsPrinter.text(findings, findings.subList(0, Math.min(TOP_FINDINGS,
                    findings.size())), out);
        }
        eventsByName(r, out);
        section(r.otherOutput(), "maps and text (tables bpftrace_maps, bpftrace_histograms, "
                + "text_lines):", out, o -> out.printf("  %,10d  %s%n", o.n(), o.what()));
        section(r.skipped(), "skipped lines by reason (examples in ingest_problems):", out,
                s -> out.printf("  %,10d  %s%s%n", s.lines(), s.reason(),
                        s.firstLine() == null ? "" : " (first at line " + s.firstLine() + ")"));
        section(r.unmatched(), "not matched in the trace (figures count these only up to its "
                + "edges, or leave them out):", out, u -> out.printf("  %,10d  %s%s: %s%n",
                u.n(), u.what(), u.ns() == null ? ""
                        : " (" + PerfTime.format(u.ns(), 12).strip() + ")", u.meaning()));
        topWaits(r, out);
        chainsAndInversions(r, out);
        out.flush();
    }

    private static void chainsAndInversions(TraceReport r, PrintWriter out) {
        if (!r.coverage().isEmpty()) {
            out.println();
            out.println("who held the locks waited for (share of wait time with a known "
                    + "blocker, held directly by it, and in a hold the trace shows exactly):");
            for (TraceReport.Coverage c : r.coverage()) {
                out.printf("  %-24s %12s waited, %5.1f%% known blocker, %5.1f%% holder, "
                        + "%5.1f%% exact%n", c.lock(), PerfTime.format(c.waitNs(), 12).strip(),
                        percent(c.knownNs(), c.waitNs()), percent(c.holderNs(), c.waitNs()),
                        percent(c.exactHolderNs(), c.waitNs()));
            }
        }
        List<Chain> chains = r.chains();
        if (chains.isEmpty()) {
            return;
        }
        out.println();
        out.println("where the waiting went (what the waiters were doing, by what the thread "
                + "at the root of their chain spent its hold on):");
        AttributionPrinter.matrices(r.cells(), false, out);
        List<Inversion> inversions = r.inversions();
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

    private static void overview(TraceReport r, PrintWriter out) {
        TraceReport.Overview o = r.overview();
        out.printf("trace %d: %s (%s)%n", r.traceId(), o.source(), o.format());
        if (o.osRelease() != null) {
            out.printf("  kernel %s, %d CPUs%n", o.osRelease(), o.nrcpus());
        }
        out.printf("  %,d events in %,d %s, %,d distinct stacks, %,d threads%s%n",
                o.events(), o.binary() ? o.records() : o.lines(), o.binary() ? "records"
                        : "lines", o.stacks(), o.threads(), processes(o.processes()));
        if (o.firstTs() != null) {
            out.printf("  time %s to %s s: %s%n", seconds(o.firstTs()), seconds(o.lastTs()),
                    PerfTime.format(o.spanNs(), 12).strip());
        }
        out.printf("  skipped %s: %,d%n", o.binary() ? "records" : "lines", o.skippedLines());
        if (o.kernelSymbols() != null) {
            out.printf("  kernel frames named from: %s%n", o.kernelSymbols());
        }
        if (o.unnamedFrames() != null) {
            out.printf("  frames not named (shown as [unknown] in their file): %s%n",
                    o.unnamedFrames());
        }
        if (o.lostEvents() > 0) {
            out.printf("  LOST EVENTS: %,d (the capture tool says so: figures may be "
                    + "incomplete)%n", o.lostEvents());
        }
    }

    private static String processes(long n) {
        return n > 0 ? " in " + n + (n == 1 ? " process" : " processes") : "";
    }

    private static String seconds(long ns) {
        return String.format("%d.%06d", ns / 1_000_000_000L, (ns % 1_000_000_000L) / 1000);
    }

    private static void eventsByName(TraceReport r, PrintWriter out) {
        out.println();
        out.println("events by name:");
        for (TraceReport.EventCount e : r.eventsByName()) {
            out.printf("  %,10d  %-40s (table %s)%n", e.events(), e.event(), e.table());
        }
        if (r.eventsByName().isEmpty()) {
            out.println("  none");
        }
    }

    /** A section of the report: its heading, then a line per row; nothing without rows. */
    private static <T> void section(List<T> rows, String heading, PrintWriter out,
                                    java.util.function.Consumer<T> line) {
        if (rows.isEmpty()) {
            return;
        }
        out.println();
        out.println(heading);
        rows.forEach(line);
    }

    private static void topWaits(TraceReport r, PrintWriter out) {
        PerfLockContention.Result waits = r.waits();
        out.println();
        if (waits.rows().isEmpty()) {
            out.println("lock waits: none (no lock:contention_begin/end events in the trace)");
            return;
        }
        List<ContentionRow> top = waits.rows().subList(0, Math.min(TOP_WAITS,
                waits.rows().size()));
        out.printf("top lock waits by caller (%d of %d rows, as perf lock contention%s):%n",
                top.size(), waits.rows().size(), r.pid() != null ? ", process " + r.pid()
                        : r.tid() != null ? ", thread " + r.tid() : "");
        ContentionPrinter.text(waits, top, out);
    }
}
