package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.check.CheckReports;
import dev.ptrace.analyze.check.RuleResult;
import dev.ptrace.analyze.check.RuleSet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ptrace-analyze check FILE...|--db DB}: rules that fail a CI build. */
@Command(name = "check")
final class CheckCommand extends TraceCommand {
    @Option(names = "--rules", paramLabel = "FILE") List<Path> ruleFiles = List.of();

    @Option(names = "--set", paramLabel = "RULE=THRESHOLD")
    Map<String, String> thresholds = new LinkedHashMap<>();

    @Option(names = "--disable", paramLabel = "RULE") List<String> disabled = List.of();

    @Option(names = "--no-builtin-rules") boolean noBuiltin;

    @Option(names = "--list-rules") boolean list;

    @Mixin ReportFiles reports;

    @Override
    public Integer call() throws Exception {
        RuleSet rules = noBuiltin ? RuleSet.empty() : RuleSet.builtIn();
        ruleFiles.forEach(rules::withFile);
        thresholds.forEach(rules::withThreshold);
        disabled.forEach(rules::without);
        if (list) {
            CheckReports.rules(rules, spec.commandLine().getOut());
            return ExitCodes.OK;
        }
        List<RuleResult> results;
        try (TraceAnalysis a = sources.open(spec.commandLine().getErr())) {
            List<Integer> ids = sources.traceId() != null ? List.of(a.oneTrace(sources.traceId()))
                    : a.traceIds();
            results = a.check(rules, ids).results();
        }
        reports.report(spec.commandLine().getOut(), out -> CheckReports.json(results, out),
                out -> CheckReports.text(results, out), w -> CheckReports.junit(results, w),
                w -> CheckReports.markdown(results, w));
        return CheckReports.passed(results) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
