package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.diff.DiffReports;
import dev.ptrace.analyze.diff.MetricChange;
import dev.ptrace.analyze.fleet.Fleet;
import dev.ptrace.analyze.fleet.FleetComparison;
import dev.ptrace.analyze.fleet.FleetQueries;
import dev.ptrace.analyze.fleet.FleetQuery;
import dev.ptrace.analyze.fleet.FleetSide;
import dev.ptrace.analyze.query.ResultFormat;
import dev.ptrace.analyze.query.RowWriter;
import dev.ptrace.analyze.query.UsageException;
import java.io.PrintWriter;
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
 * {@code ptrace-analyze fleet QUERY --lake DIR}: a fleet question over a lake's traces; a
 * metrics query with {@code --baseline RUNS --candidate RUNS} compares two sets of runs as
 * diff does.
 */
@Command(name = "fleet")
final class FleetCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "QUERY", arity = "0..1") String query;

    @Mixin LakeOptions lake;

    @Option(names = "--list") boolean list;

    @Option(names = "--queries", paramLabel = "DIR") Path userQueries;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table") ResultFormat format;

    @Option(names = "--baseline", paramLabel = "RUNS") String baseline;

    @Option(names = "--candidate", paramLabel = "RUNS") String candidate;

    @Option(names = "--max-regression", paramLabel = "PCT", defaultValue = "20")
    double maxRegression;

    @Option(names = "--metric", paramLabel = "PREFIX") List<String> metrics = List.of();

    @Override
    public Integer call() throws SQLException {
        FleetQueries queries = userQueries == null ? FleetQueries.shipped()
                : FleetQueries.shipped().with(userQueries);
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            RowWriter w = format.writer(out);
            w.start(List.of("query", "kind", "answers"));
            for (FleetQuery q : queries.all()) {
                w.row(List.of(q.name(), q.kind().name().toLowerCase(java.util.Locale.ROOT),
                        q.answers()));
            }
            w.end();
            return ExitCodes.OK;
        }
        if (query == null || lake.lake == null) {
            throw new UsageException("say which question of which lake: fleet QUERY --lake DIR "
                    + "(fleet --list names the questions)");
        }
        FleetQuery q = queries.named(query);
        if ((baseline == null) != (candidate == null)) {
            throw new UsageException("compare with both --baseline RUNS and --candidate RUNS");
        }
        try (Fleet fleet = Fleet.open(lake.lake, lake.filter(null))) {
            if (baseline == null) {
                fleet.query(q.sql(), format.writer(out));
                return ExitCodes.OK;
            }
            FleetComparison c = FleetComparison.of(fleet.metrics(q), FleetSide.parse(baseline),
                    FleetSide.parse(candidate), maxRegression, metrics);
            switch (format) {
                case TABLE -> DiffReports.text(c.sides(), c.changes(), out);
                case MD -> DiffReports.markdown(c.sides(), c.changes(), out);
                case JSON -> DiffReports.json(c.sides(), c.changes(), out);
                case CSV -> changes(c.changes(), format.writer(out));
            }
            out.flush();
            return DiffReports.passed(c.changes()) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    /** The changes as rows, one per metric. */
    private static void changes(List<MetricChange> changes, RowWriter w) {
        w.start(List.of("metric", "unit", "baseline", "candidate", "change_pct", "p_value",
                "regressed"));
        for (MetricChange m : changes) {
            List<Object> row = new ArrayList<>();
            row.add(m.name());
            row.add(m.unit().name().toLowerCase(java.util.Locale.ROOT));
            row.add(m.baseline());
            row.add(m.candidate());
            row.add(m.changePct());
            row.add(m.pValue());
            row.add(m.regressed());
            w.row(row);
        }
        w.end();
    }
}
