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

    /** What the diff compared (a trace or several runs a side), for headings. */
    public record Sides(List<String> baseline, List<String> candidate, double maxRegressionPct) {
        public Sides {
            baseline = List.copyOf(baseline);
            candidate = List.copyOf(candidate);
        }

        String baselineLabel() {
            return label(baseline);
        }

        String candidateLabel() {
            return label(candidate);
        }

        private static String label(List<String> runs) {
            return runs.size() == 1 ? runs.get(0) : runs.size() + " runs (" + String.join(", ",
                    runs) + ")";
        }
    }

    public static boolean passed(List<MetricChange> changes) {
        return changes.stream().noneMatch(MetricChange::regressed);
    }

    private static String summary(Sides s, List<MetricChange> changes) {
        long regressed = changes.stream().filter(MetricChange::regressed).count();
        String test = s.baseline().size() > 1 ? String.format(Locale.ROOT, " (medians; ranked "
                + "above the baseline's runs at p <= %.2f)", TraceDiff.SIGNIFICANCE) : "";
        return String.format(Locale.ROOT, "%s: %d of %d metrics regressed by more than "
                        + "%.0f%%%s from %s to %s", regressed == 0 ? "PASSED" : "FAILED",
                regressed, changes.size(), s.maxRegressionPct(), test, s.baselineLabel(),
                s.candidateLabel());
    }

    private static String change(MetricChange m) {
        if (m.changePct() == null) {
            return m.candidate() == 0 ? "0" : "new";
        }
        return String.format(Locale.ROOT, "%+.1f%%", m.changePct());
    }

    /** A side's value; with several runs, the median and the runs' range. */
    private static String value(MetricChange m, double median, List<Double> runs) {
        String v = Metric.format(median, m.unit());
        if (!m.ofRuns()) {
            return v;
        }
        double min = runs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = runs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return v + " [" + Metric.format(min, m.unit()) + ", " + Metric.format(max, m.unit())
                + "]";
    }

    private static String pValue(MetricChange m) {
        return m.ofRuns() ? String.format(Locale.ROOT, "%.3f", m.pValue()) : "";
    }

    public static void text(Sides s, List<MetricChange> changes, PrintWriter out) {
        boolean runs = changes.stream().anyMatch(MetricChange::ofRuns);
        String row = runs ? "%-50s %32s %32s %10s %6s%s%n" : "%-50s %14s %14s %10s%s%s%n";
        out.printf(row, "metric", runs ? "baseline [min, max]" : "baseline",
                runs ? "candidate [min, max]" : "candidate", "change", runs ? "p" : "", "");
        for (MetricChange m : changes) {
            out.printf(row, m.name(), value(m, m.baseline(), m.baselineRuns()),
                    value(m, m.candidate(), m.candidateRuns()), change(m), pValue(m),
                    m.regressed() ? "  REGRESSED" : "");
        }
        out.println("diff " + summary(s, changes));
        out.flush();
    }

    public static void markdown(Sides s, List<MetricChange> changes, PrintWriter out) {
        boolean runs = changes.stream().anyMatch(MetricChange::ofRuns);
        out.printf("## ptrace-analyze diff: %s%n%n", summary(s, changes));
        out.println(runs ? "| metric | baseline [min, max] | candidate [min, max] | change | p "
                + "| result |" : "| metric | baseline | candidate | change | result |");
        out.println(runs ? "|---|---|---|---|---|---|" : "|---|---|---|---|---|");
        for (MetricChange m : changes) {
            out.printf("| %s | %s | %s | %s |%s %s |%n", m.name().replace("|", "\\|"),
                    value(m, m.baseline(), m.baselineRuns()),
                    value(m, m.candidate(), m.candidateRuns()), change(m),
                    runs ? " " + pValue(m) + " |" : "", m.regressed() ? "REGRESSED" : "ok");
        }
        out.flush();
    }

    public static void junit(Sides s, List<MetricChange> changes, Writer out) {
        List<JUnitXml.Case> cases = changes.stream().map(m -> new JUnitXml.Case(m.name(),
                "ptrace-analyze.diff", m.regressed() ? "failure" : null,
                String.format(Locale.ROOT, "%s rose from %s to %s (%s), more than %.0f%%%s",
                        m.name(), value(m, m.baseline(), m.baselineRuns()),
                        value(m, m.candidate(), m.candidateRuns()), change(m),
                        s.maxRegressionPct(), m.ofRuns() ? ", p = " + pValue(m) : ""),
                "regression", "baseline " + s.baselineLabel() + ", candidate "
                        + s.candidateLabel() + "\n")).toList();
        JUnitXml.write(out, List.of(new JUnitXml.Suite(s.baselineLabel() + " -> "
                + s.candidateLabel(), cases)));
    }

    public static void json(Sides s, List<MetricChange> changes, PrintWriter out) {
        try (JsonGenerator g = JsonRowWriter.JSON.createGenerator(ObjectWriteContext.empty(),
                out)) {
            g.writeStartObject();
            g.writeBooleanProperty("passed", passed(changes));
            g.writeStringProperty("baseline", s.baselineLabel());
            g.writeStringProperty("candidate", s.candidateLabel());
            array(g, "baseline_traces", s.baseline());
            array(g, "candidate_traces", s.candidate());
            g.writeNumberProperty("max_regression_pct", s.maxRegressionPct());
            if (s.baseline().size() > 1) {
                g.writeNumberProperty("significance", TraceDiff.SIGNIFICANCE);
            }
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
                if (m.ofRuns()) {
                    array(g, "baseline_runs", m.baselineRuns());
                    array(g, "candidate_runs", m.candidateRuns());
                    g.writeNumberProperty("p_value", m.pValue());
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

    /** An array of trace names or of numbers. */
    private static void array(JsonGenerator g, String name, List<?> values) {
        g.writeName(name);
        g.writeStartArray();
        for (Object v : values) {
            if (v instanceof Double d) {
                g.writeNumber(d);
            } else {
                g.writeString(v.toString());
            }
        }
        g.writeEndArray();
    }
}
