package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.progress.Progress;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.store.IngestResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ptrace-analyze ingest FILE... --db OUT}: store traces as tables, one trace each. */
@Command(name = "ingest",
        description = "Read trace files into a DuckDB database, one transaction per trace: a "
                + "trace that fails leaves the database as it was.")
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Trace files: perf script, ftrace (tracefs, trace-cmd report) or "
                    + "bpftrace text; .gz read directly; - for stdin.")
    List<String> files;

    @Option(names = "--db", paramLabel = "OUT", required = true,
            description = "Database file to add the traces to (created when missing).")
    Path db;

    @Mixin
    ReadOptions read;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace w = read.workspace(db)) {
            for (String f : files) {
                IngestResult r = w.ingest(f, read.strict);
                Progress.current().done();
                out.printf("trace %d: %s: %s, %,d events, %,d lines, %,d stacks, %,d skipped%n",
                        r.traceId(), r.source(), r.format(), r.events(), r.lines(), r.stacks(),
                        r.skippedLines());
                TraceSources.reportSkipped(r, spec.commandLine().getErr());
            }
        }
        return ExitCodes.OK;
    }
}
