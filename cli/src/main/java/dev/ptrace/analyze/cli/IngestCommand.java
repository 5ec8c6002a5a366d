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
@Command(name = "ingest")
final class IngestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*") List<String> files;

    @Option(names = "--db", paramLabel = "OUT", required = true) Path db;

    @Mixin ReadOptions read;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace w = read.workspace(db)) {
            for (String f : files) {
                IngestResult r = w.ingest(f, read.strict);
                Progress.current().done();
                out.printf("trace %d: %s: %s, %,d events, %,d %s, %,d stacks, %,d skipped%n",
                        r.traceId(), r.source(), r.format(), r.events(),
                        r.binary() ? r.records() : r.lines(), r.binary() ? "records" : "lines",
                        r.stacks(),
                        r.skippedLines());
                TraceSources.reportSkipped(r, spec.commandLine().getErr());
            }
        }
        return ExitCodes.OK;
    }
}
