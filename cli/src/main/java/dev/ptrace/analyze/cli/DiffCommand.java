package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.diff.DiffReports;
import dev.ptrace.analyze.diff.MetricChange;
import dev.ptrace.analyze.query.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ptrace-analyze diff BASELINE CANDIDATE}: lock metrics compared, regressions fail. */
@Command(name = "diff")
final class DiffCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE") String baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE") String candidate;

    @Option(names = "--db", paramLabel = "DB") Path db;

    @Option(names = "--max-regression", paramLabel = "PCT", defaultValue = "20")
    double maxRegression;

    @Option(names = "--metric", paramLabel = "PREFIX") List<String> metrics = List.of();

    @Mixin ReadOptions read;

    @Mixin ReportFiles reports;

    @Override
    public Integer call() throws Exception {
        List<MetricChange> changes;
        Workspace traces = db != null ? read.existing(db) : read.workspace(null);
        try (TraceAnalysis a = TraceAnalysis.over(traces)) {
            int base = db != null ? a.traceNamed(baseline)
                    : traces.ingest(baseline, read.strict).traceId();
            int cand = db != null ? a.traceNamed(candidate)
                    : traces.ingest(candidate, read.strict).traceId();
            changes = a.diff(base, cand, maxRegression, metrics);
        }
        DiffReports.Sides sides = new DiffReports.Sides(baseline, candidate, maxRegression);
        reports.report(spec.commandLine().getOut(), out -> DiffReports.json(sides, changes, out),
                out -> DiffReports.text(sides, changes, out),
                w -> DiffReports.junit(sides, changes, w),
                w -> DiffReports.markdown(sides, changes, w));
        return DiffReports.passed(changes) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
