package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.diff.DiffReports;
import dev.ptrace.analyze.lake.LakeFilter;
import dev.ptrace.analyze.lake.LakeLoader;
import dev.ptrace.analyze.diff.MetricChange;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.query.Workspace;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ptrace-analyze diff BASELINE CANDIDATE}, or {@code --baseline A1 A2 A3 --candidate B1
 * B2 B3}: lock metrics compared, regressions fail.
 */
@Command(name = "diff")
final class DiffCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "BASELINE") String baseline;

    @Parameters(index = "1", arity = "0..1", paramLabel = "CANDIDATE") String candidate;

    @Option(names = "--baseline", arity = "1..*", paramLabel = "RUN")
    List<String> baselineRuns = List.of();

    @Option(names = "--candidate", arity = "1..*", paramLabel = "RUN")
    List<String> candidateRuns = List.of();

    @Option(names = "--db", paramLabel = "DB") Path db;

    @Option(names = "--max-regression", paramLabel = "PCT", defaultValue = "20")
    double maxRegression;

    @Option(names = "--metric", paramLabel = "PREFIX") List<String> metrics = List.of();

    @Mixin LakeOptions lake;

    @Mixin ReadOptions read;

    @Mixin ReportFiles reports;

    @Override
    public Integer call() throws Exception {
        DiffReports.Sides sides = sides();
        List<MetricChange> changes;
        if (db != null && lake.lake != null) {
            throw new UsageException("compare traces of --db or of --lake, not both");
        }
        Workspace traces = db != null ? read.existing(db) : lake.lake != null
                ? LakeLoader.load(lake.lake, named(sides)) : read.workspace(null);
        try (TraceAnalysis a = TraceAnalysis.over(traces)) {
            changes = a.diff(traceIds(a, traces, sides.baseline()),
                    traceIds(a, traces, sides.candidate()), maxRegression, metrics);
        }
        reports.report(spec.commandLine().getOut(), out -> DiffReports.json(sides, changes, out),
                out -> DiffReports.text(sides, changes, out),
                w -> DiffReports.junit(sides, changes, w),
                w -> DiffReports.markdown(sides, changes, w));
        return DiffReports.passed(changes) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** The traces compared: two positional ones, or the runs of each side's option. */
    private DiffReports.Sides sides() {
        boolean runs = !baselineRuns.isEmpty() || !candidateRuns.isEmpty();
        if (runs && (baseline != null || baselineRuns.isEmpty() || candidateRuns.isEmpty())) {
            throw new UsageException("give BASELINE CANDIDATE, or --baseline RUN... "
                    + "--candidate RUN..., not both");
        }
        if (!runs && candidate == null) {
            throw new UsageException("say what to compare: BASELINE CANDIDATE, or --baseline "
                    + "RUN... --candidate RUN...");
        }
        return runs ? new DiffReports.Sides(baselineRuns, candidateRuns, maxRegression)
                : new DiffReports.Sides(List.of(baseline), List.of(candidate), maxRegression);
    }

    /** The traces of the lake the runs name by the first digits of their content hash. */
    private List<LakeFilter> named(DiffReports.Sides sides) {
        List<LakeFilter> filters = new ArrayList<>();
        for (String name : sides.baseline()) {
            filters.add(lake.filter(name));
        }
        for (String name : sides.candidate()) {
            filters.add(lake.filter(name));
        }
        return filters;
    }

    /**
     * Each name a trace of the database (--db) or lake (--lake: its content hash's first
     * digits), or a file read into the workspace.
     */
    private List<Integer> traceIds(TraceAnalysis a, Workspace traces, List<String> names)
            throws SQLException {
        List<Integer> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(db != null || lake.lake != null ? a.traceNamed(name)
                    : traces.ingest(name, read.strict).traceId());
        }
        return ids;
    }
}
