package dev.ptrace.analyze.present;

import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.query.JsonRowWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/** Findings as text, Markdown or JSON, in rank order. */
public final class FindingsPrinter {
    public enum Format { TEXT, MD, JSON }

    private FindingsPrinter() {
    }

    public static void print(int traceId, List<Finding> findings, int entries, Format format,
                             PrintWriter out) {
        List<Finding> shown = findings.subList(0, Math.min(entries, findings.size()));
        switch (format) {
            case JSON -> {
                try (JsonGenerator g = JsonRowWriter.JSON.createGenerator(
                        ObjectWriteContext.empty(), out)) {
                    g.writeStartObject();
                    g.writeNumberProperty("trace_id", traceId);
                    g.writeName("findings");
                    writeFindings(g, shown);
                    g.writeEndObject();
                }
                out.println();
            }
            case MD -> markdown(findings, shown, out);
            default -> text(findings, shown, out);
        }
        out.flush();
    }

    /** The findings as a JSON array of objects. */
    public static void writeFindings(JsonGenerator g, List<Finding> findings) {
        g.writeStartArray();
        int rank = 1;
        for (Finding f : findings) {
            g.writeStartObject();
            g.writeNumberProperty("rank", rank++);
            g.writeStringProperty("scenario", f.scenario());
            g.writeStringProperty("title", f.title());
            g.writeNumberProperty("saved_ns", f.savedNs());
            g.writeStringProperty("lock", f.lock());
            strings(g, "evidence", f.evidence());
            g.writeStringProperty("prediction", f.prediction());
            strings(g, "recommendations", f.recommendations());
            strings(g, "notes", f.notes());
            g.writeStringProperty("query", f.query());
            g.writeName("figures");
            g.writeStartObject();
            for (Map.Entry<String, Long> e : f.figures().entrySet()) {
                g.writeNumberProperty(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) {
        g.writeName(name);
        g.writeStartArray();
        values.forEach(g::writeString);
        g.writeEndArray();
    }

    /** Numbered findings, each with its evidence, prediction, recommendations and notes. */
    public static void text(List<Finding> all, List<Finding> shown, PrintWriter out) {
        if (all.isEmpty()) {
            out.println("No findings: no what-if model matched this trace.");
            return;
        }
        out.printf("findings (%d of %d, the largest predicted saving first):%n", shown.size(),
                all.size());
        int rank = 1;
        for (Finding f : shown) {
            out.println();
            out.printf("%d. %s%n", rank++, f.title());
            out.printf("   saves: %s%n", saves(f));
            list(out, "evidence", f.evidence());
            out.printf("   prediction: %s%n", f.prediction());
            list(out, "what to do", f.recommendations());
            list(out, "notes", f.notes());
            out.printf("   query: %s%n", f.query());
        }
    }

    private static String saves(Finding f) {
        return f.savedNs() == 0 ? "none predicted in this trace"
                : PerfTime.format(f.savedNs()) + " of waiting" + (f.lock() == null ? ""
                        : " on " + f.lock()) + " (predicted)";
    }

    private static void list(PrintWriter out, String heading, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.printf("   %s:%n", heading);
        lines.forEach(l -> out.printf("     - %s%n", l));
    }

    private static void markdown(List<Finding> all, List<Finding> shown, PrintWriter out) {
        if (all.isEmpty()) {
            out.println("No findings: no what-if model matched this trace.");
            return;
        }
        int rank = 1;
        for (Finding f : shown) {
            out.printf("%s### %d. %s%n%n", rank > 1 ? "\n" : "", rank++, f.title());
            out.printf("**Saves:** %s.%n%n", saves(f));
            mdList(out, "Evidence", f.evidence());
            out.printf("**Prediction.** %s%n%n", f.prediction());
            mdList(out, "What to do", f.recommendations());
            mdList(out, "Notes", f.notes());
            out.printf("```sql%n%s%n```%n", f.query());
        }
    }

    private static void mdList(PrintWriter out, String heading, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.printf("**%s**%n%n", heading);
        lines.forEach(l -> out.printf("- %s%n", l));
        out.println();
    }
}
