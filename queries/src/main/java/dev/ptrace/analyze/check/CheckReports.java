package dev.ptrace.analyze.check;

import dev.ptrace.analyze.present.JUnitXml;
import dev.ptrace.analyze.query.JsonRowWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * The results of a check as text (the terminal), Markdown (a CI job summary), JUnit XML (one
 * testcase per rule and trace, in the Ant JUnit schema CI servers read) and JSON.
 */
public final class CheckReports {
    private CheckReports() {
    }

    public static boolean passed(List<RuleResult> results) {
        return results.stream().noneMatch(RuleResult::failsCheck);
    }

    private static String summary(List<RuleResult> results) {
        long failed = results.stream().filter(r -> r.status() != RuleResult.Status.PASS)
                .count();
        long traces = results.stream().map(RuleResult::traceId).distinct().count();
        return String.format("%s: %d of %d rule checks failed on %d trace%s",
                passed(results) ? "PASSED" : "FAILED", failed, results.size(), traces,
                traces == 1 ? "" : "s");
    }

    private static String outcome(RuleResult r) {
        return switch (r.status()) {
            case PASS -> "pass";
            case FAIL -> r.rule().severity() == Rule.Severity.ERROR ? "FAIL" : "warn";
            case ERROR -> "ERROR";
        };
    }

    private static String worst(RuleResult r) {
        return r.worst() == null ? "no rows" : r.rule().threshold().format(r.worst());
    }

    /** The rules of a set, one per line: name, severity, threshold and what it checks. */
    public static void rules(RuleSet rules, PrintWriter out) {
        for (Rule r : rules.rules()) {
            out.printf("%-22s %-7s %-8s %s%s%n", r.name(),
                    r.severity().name().toLowerCase(Locale.ROOT), r.threshold().text(),
                    r.description(), r.enabled() ? "" : " (disabled)");
        }
    }

    /** What went wrong, in one line: the failing rows, or the SQL error. */
    private static String headline(RuleResult r) {
        if (r.status() == RuleResult.Status.ERROR) {
            return "the rule's SQL failed: " + r.error();
        }
        return String.format("%s: worst %s, threshold %s, %d row%s above it",
                r.rule().name(), worst(r), r.rule().threshold().text(), r.failures(),
                r.failures() == 1 ? "" : "s");
    }

    public static void text(List<RuleResult> results, PrintWriter out) {
        int trace = -1;
        for (RuleResult r : results) {
            if (r.traceId() != trace) {
                trace = r.traceId();
                out.printf("trace %d: %s%n", trace, r.traceSource());
            }
            out.printf("  %-5s %-22s worst %-12s threshold %s%n", outcome(r), r.rule().name(),
                    worst(r), r.rule().threshold().text());
            if (r.status() == RuleResult.Status.ERROR) {
                out.printf("        %s%n", headline(r));
            }
            for (RuleResult.Row row : r.rows()) {
                out.printf("        %s: %s%n", r.rule().threshold().format(row.value()),
                        row.evidence());
            }
            if (r.failures() > r.rows().size()) {
                out.printf("        ... %d more%n", r.failures() - r.rows().size());
            }
        }
        out.println("check " + summary(results));
        out.flush();
    }

    /** A heading, a table of every rule and trace, then the evidence of each failure. */
    public static void markdown(List<RuleResult> results, PrintWriter out) {
        out.printf("## ptrace-analyze check: %s%n%n", summary(results));
        out.println("| trace | rule | result | worst | threshold | description |");
        out.println("|---|---|---|---|---|---|");
        for (RuleResult r : results) {
            out.printf("| %s | %s | %s | %s | %s | %s |%n", cell(r.traceSource()),
                    cell(r.rule().name()), outcome(r), cell(worst(r)),
                    cell(r.rule().threshold().text()), cell(r.rule().description()));
        }
        for (RuleResult r : results) {
            if (r.status() == RuleResult.Status.PASS) {
                continue;
            }
            out.printf("%n### %s on %s%n%n%s%n%n", r.rule().name(), cell(r.traceSource()),
                    headline(r));
            r.rows().forEach(row -> out.printf("- %s: %s%n", r.rule().threshold()
                    .format(row.value()), row.evidence()));
            out.printf("%n```sql%n%s%n```%n", r.query().strip());
        }
        out.flush();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    /** JUnit XML: a testsuite per trace, a testcase per rule, failures with the evidence. */
    public static void junit(List<RuleResult> results, Writer out) {
        Map<Integer, List<JUnitXml.Case>> byTrace = new LinkedHashMap<>();
        Map<Integer, String> names = new LinkedHashMap<>();
        for (RuleResult r : results) {
            names.put(r.traceId(), r.traceSource());
            String problem = switch (r.status()) {
                case PASS -> null;
                case FAIL -> "failure";
                case ERROR -> "error";
            };
            StringBuilder text = new StringBuilder(r.rule().description()).append("\n\n");
            r.rows().forEach(row -> text.append(r.rule().threshold().format(row.value()))
                    .append(": ").append(row.evidence()).append('\n'));
            text.append("\nquery (ptrace-analyze sql --db DB \"...\"):\n")
                    .append(r.query().strip()).append('\n');
            byTrace.computeIfAbsent(r.traceId(), t -> new ArrayList<>()).add(new JUnitXml.Case(
                    r.rule().name(), "ptrace-analyze.check." + r.traceSource(), problem,
                    headline(r), r.rule().severity().name().toLowerCase(Locale.ROOT),
                    text.toString()));
        }
        List<JUnitXml.Suite> suites = new ArrayList<>();
        byTrace.forEach((trace, cases) -> suites.add(new JUnitXml.Suite(names.get(trace),
                cases)));
        JUnitXml.write(out, suites);
    }

    public static void json(List<RuleResult> results, PrintWriter out) {
        try (JsonGenerator g = JsonRowWriter.JSON.createGenerator(ObjectWriteContext.empty(),
                out)) {
            g.writeStartObject();
            g.writeBooleanProperty("passed", passed(results));
            g.writeName("results");
            g.writeStartArray();
            for (RuleResult r : results) {
                g.writeStartObject();
                g.writeNumberProperty("trace_id", r.traceId());
                g.writeStringProperty("source", r.traceSource());
                g.writeStringProperty("rule", r.rule().name());
                g.writeStringProperty("severity", r.rule().severity().name().toLowerCase(
                        Locale.ROOT));
                g.writeStringProperty("status", r.status().name().toLowerCase(
                        Locale.ROOT));
                g.writeStringProperty("threshold", r.rule().threshold().text());
                g.writeNumberProperty("threshold_value", r.rule().threshold().value());
                if (r.worst() != null) {
                    g.writeNumberProperty("worst", r.worst());
                }
                g.writeNumberProperty("failures", r.failures());
                g.writeName("rows");
                g.writeStartArray();
                for (RuleResult.Row row : r.rows()) {
                    g.writeStartObject();
                    g.writeNumberProperty("value", row.value());
                    g.writeStringProperty("evidence", row.evidence());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeStringProperty("query", r.query());
                if (r.error() != null) {
                    g.writeStringProperty("error", r.error());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
        out.flush();
    }
}
