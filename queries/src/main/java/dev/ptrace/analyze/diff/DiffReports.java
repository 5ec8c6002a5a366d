package dev.ptrace.analyze.diff;

import dev.ptrace.analyze.present.JUnitXml;
import dev.ptrace.analyze.query.JsonRowWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/** A diff as text, Markdown, JUnit XML (a testcase per metric) and JSON. */
public final class DiffReports {
    private DiffReports() {
    }

    /** What the diff compared, for headings. */
    public record Sides(String baseline, String candidate, double maxRegressionPct) {
    }

    public static boolean passed(List<MetricChange> changes) {
        return changes.stream().noneMatch(MetricChange::regressed);
    }

    private static String summary(Sides s, List<MetricChange> changes) {
        long regressed = changes.stream().filter(MetricChange::regressed).count();
        return String.format(Locale.ROOT, "%s: %d of %d metrics regressed by more than "
                        + "%.0f%% from %s to %s", regressed == 0 ? "PASSED" : "FAILED",
                regressed, changes.size(), s.maxRegressionPct(), s.baseline(), s.candidate());
    }

    private static String change(MetricChange m) {
        if (m.changePct() == null) {
            return m.candidate() == 0 ? "0" : "new";
        }
        return String.format(Locale.ROOT, "%+.1f%%", m.changePct());
    }

    public static void text(Sides s, List<MetricChange> changes, PrintWriter out) {
        out.printf("%-50s %14s %14s %10s%n", "metric", "baseline", "candidate", "change");
        for (MetricChange m : changes) {
            out.printf("%-50s %14s %14s %10s%s%n", m.name(),
                    Metric.format(m.baseline(), m.unit()), Metric.format(m.candidate(),
                            m.unit()), change(m), m.regressed() ? "  REGRESSED" : "");
        }
        out.println("diff " + summary(s, changes));
        out.flush();
    }

    public static void markdown(Sides s, List<MetricChange> changes, PrintWriter out) {
        out.printf("## ptrace-analyze diff: %s%n%n", summary(s, changes));
        out.println("| metric | baseline | candidate | change | result |");
        out.println("|---|---|---|---|---|");
        for (MetricChange m : changes) {
            out.printf("| %s | %s | %s | %s | %s |%n", m.name().replace("|", "\\|"),
                    Metric.format(m.baseline(), m.unit()), Metric.format(m.candidate(),
                            m.unit()), change(m), m.regressed() ? "REGRESSED" : "ok");
        }
        out.flush();
    }

    public static void junit(Sides s, List<MetricChange> changes, Writer out) {
        List<JUnitXml.Case> cases = changes.stream().map(m -> new JUnitXml.Case(m.name(),
                "ptrace-analyze.diff", m.regressed() ? "failure" : null,
                String.format(Locale.ROOT, "%s rose from %s to %s (%s), more than %.0f%%",
                        m.name(), Metric.format(m.baseline(), m.unit()),
                        Metric.format(m.candidate(), m.unit()), change(m),
                        s.maxRegressionPct()), "regression",
                "baseline " + s.baseline() + ", candidate " + s.candidate() + "\n")).toList();
        JUnitXml.write(out, List.of(new JUnitXml.Suite(s.baseline() + " -> " + s.candidate(),
                cases)));
    }

    public static void json(Sides s, List<MetricChange> changes, PrintWriter out) {
        try (JsonGenerator g = JsonRowWriter.JSON.createGenerator(ObjectWriteContext.empty(),
                out)) {
            g.writeStartObject();
            g.writeBooleanProperty("passed", passed(changes));
            g.writeStringProperty("baseline", s.baseline());
            g.writeStringProperty("candidate", s.candidate());
            g.writeNumberProperty("max_regression_pct", s.maxRegressionPct());
            g.writeName("metrics");
            g.writeStartArray();
            for (MetricChange m : changes) {
                g.writeStartObject();
                g.writeStringProperty("metric", m.name());
                g.writeStringProperty("unit", m.unit().name().toLowerCase(Locale.ROOT));
                g.writeNumberProperty("baseline", m.baseline());
                g.writeNumberProperty("candidate", m.candidate());
                if (m.changePct() != null) {
                    g.writeNumberProperty("change_pct", m.changePct());
                }
                g.writeBooleanProperty("regressed", m.regressed());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
        out.flush();
    }
}
