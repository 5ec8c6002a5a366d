package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.fleet.Fleet;
import dev.ptrace.analyze.query.ResultFormat;
import dev.ptrace.analyze.query.UsageException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ptrace-analyze sql --db DB "SELECT ..."}: any SQL over the trace tables; or
 * {@code --lake DIR}: over a lake's tables, as views of its Parquet files.
 */
@Command(name = "sql")
final class SqlCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--db", paramLabel = "DB") Path db;

    @Mixin LakeOptions lake;

    @Parameters(paramLabel = "QUERY") String query;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table") ResultFormat format;

    @Override
    public Integer call() {
        if ((db == null) == (lake.lake == null)) {
            throw new UsageException("say what to query: --db DB or --lake DIR");
        }
        try {
            if (db != null) {
                try (TraceAnalysis a = TraceAnalysis.ofDatabase(db)) {
                    a.query(query, format.writer(spec.commandLine().getOut()));
                }
            } else {
                try (Fleet f = Fleet.open(lake.lake, lake.filter(null))) {
                    f.query(query, format.writer(spec.commandLine().getOut()));
                }
            }
        } catch (SQLException e) {
            throw new UsageException("sql: " + firstLine(e.getMessage()), e);
        }
        return ExitCodes.OK;
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
