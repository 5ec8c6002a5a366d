package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.diff.DiffReports;
import dev.ptrace.analyze.diff.MetricChange;
import dev.ptrace.analyze.diff.TraceDiff;
import dev.ptrace.analyze.diff.TraceMetrics;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.query.Workspace;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ptrace-analyze diff BASELINE CANDIDATE}: lock metrics compared, regressions fail. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compares two traces: lock waiting per lock, per waiter syscall and per "
                + "perf caller, mmap_lock hold time per cause, inversion time (each as a share "
                + "of thread time), wait percentiles, mmap and munmap calls per thread-second; "
                + "exits 1 when a metric regresses by more than --max-regression.")
final class DiffCommand implements Callable<Integer> {
    private static final String TRACE_BY_NAME_SQL =
            TextResource.load("/sql/diff/trace_by_name.sql");
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

    @Option(names = "--strict", description = "Stop at the first malformed line.")
    boolean strict;

    @Mixin
    ReportFiles reports;

    @Override
    public Integer call() throws Exception {
        List<MetricChange> changes;
        try (Workspace w = db != null ? Workspace.existing(db) : Workspace.create(null)) {
            int base;
            int cand;
            if (db != null) {
                base = traceId(w, baseline);
                cand = traceId(w, candidate);
            } else {
                base = w.ingest(baseline, strict).traceId();
                cand = w.ingest(candidate, strict).traceId();
            }
            changes = TraceDiff.compare(TraceMetrics.of(w.connection(), base),
                    TraceMetrics.of(w.connection(), cand), maxRegression, metrics);
        }
        DiffReports.Sides sides = new DiffReports.Sides(baseline, candidate, maxRegression);
        reports.report(spec.commandLine().getOut(), out -> DiffReports.json(sides, changes, out),
                out -> DiffReports.text(sides, changes, out),
                w -> DiffReports.junit(sides, changes, w),
                w -> DiffReports.markdown(sides, changes, w));
        return DiffReports.passed(changes) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** A stored trace by id, or by its source as ingested. */
    private static int traceId(Workspace w, String which) throws SQLException {
        try (PreparedStatement ps = w.connection().prepareStatement(TRACE_BY_NAME_SQL)) {
            ps.setString(1, which);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UsageException("no trace '" + which + "' in the database (give a"
                            + " trace_id or source of the traces table)");
                }
                return rs.getInt(1);
            }
        }
    }
}
