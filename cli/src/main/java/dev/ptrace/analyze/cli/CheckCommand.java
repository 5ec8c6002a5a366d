package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.check.CheckReports;
import dev.ptrace.analyze.check.RuleResult;
import dev.ptrace.analyze.check.RuleSet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ptrace-analyze check FILE...|--db DB}: rules that fail a CI build. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Evaluates rules (named SQL over the tables, with a threshold) on each "
                + "trace; exits 1 when a rule of severity error fails. Built-in rules: "
                + "priority-inversion, mmap-lock-hold, malloc-mmap-churn, lock-wait-share, "
                + "finding-saving.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceSources sources;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "A rule file (.sql with a '-- rule:' header) or a folder of them; a "
                    + "rule named like a built-in one replaces it. Repeatable.")
    List<Path> ruleFiles = List.of();

    @Option(names = "--set", paramLabel = "RULE=THRESHOLD",
            description = "Re-thresholds a rule, e.g. --set mmap-lock-hold=200ms. Repeatable.")
    Map<String, String> thresholds = new LinkedHashMap<>();

    @Option(names = "--disable", paramLabel = "RULE",
            description = "Switches a rule off. Repeatable.")
    List<String> disabled = List.of();

    @Option(names = "--no-builtin-rules", description = "Only the rules of --rules files.")
    boolean noBuiltin;

    @Mixin
    ReportFiles reports;

    @Override
    public Integer call() throws Exception {
        RuleSet rules = noBuiltin ? RuleSet.empty() : RuleSet.builtIn();
        ruleFiles.forEach(rules::withFile);
        thresholds.forEach(rules::withThreshold);
        disabled.forEach(rules::without);
        List<RuleResult> results;
        try (TraceAnalysis a = sources.open(spec.commandLine().getErr())) {
            List<Integer> ids = sources.trace != null ? List.of(a.oneTrace(sources.trace))
                    : a.traceIds();
            results = a.check(rules, ids).results();
        }
        reports.report(spec.commandLine().getOut(), out -> CheckReports.json(results, out),
                out -> CheckReports.text(results, out), w -> CheckReports.junit(results, w),
                w -> CheckReports.markdown(results, w));
        return CheckReports.passed(results) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
