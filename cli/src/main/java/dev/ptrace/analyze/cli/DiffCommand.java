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
@Command(name = "diff",
        description = "Compares two traces: lock waiting per lock, per waiter syscall and per "
                + "perf caller, mmap_lock hold time per cause, inversion time (each as a share "
                + "of thread time), wait percentiles, mmap and munmap calls per thread-second; "
                + "exits 1 when a metric regresses by more than --max-regression.")
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE",
            description = "Baseline trace file, or with --db its trace id or source.")
    String baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE",
            description = "Candidate trace file, or with --db its trace id or source.")
    String candidate;

    @Option(names = "--db", paramLabel = "DB",
            description = "Compare two traces stored in this database.")
    Path db;

    @Option(names = "--max-regression", paramLabel = "PCT", defaultValue = "20",
            description = "Allowed rise of a metric, in percent (default: ${DEFAULT-VALUE}).")
    double maxRegression;

    @Option(names = "--metric", paramLabel = "PREFIX",
            description = "Only metrics whose name starts so (wait.lock:, wait.in:, "
                    + "wait.caller:, mmap_lock.hold:, wait.p99, inversion., syscall.). Repeatable.")
    List<String> metrics = List.of();

    @Mixin
    ReadOptions read;

    @Mixin
    ReportFiles reports;

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
