package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.LakeIngest;
import dev.ptrace.analyze.lake.LakePlacement;
import dev.ptrace.analyze.lake.LakeTrace;
import dev.ptrace.analyze.progress.Progress;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.store.IngestResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ptrace-analyze ingest FILE... --db OUT}: store traces as tables, one trace each; or
 * {@code --lake DIR}: file each as a trace of a lake, several at once.
 */
@Command(name = "ingest")
final class IngestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*") List<String> files;

    @Option(names = "--db", paramLabel = "OUT") Path db;

    @Option(names = "--lake", paramLabel = "DIR") Path lake;

    @Option(names = "--host", paramLabel = "NAME") String host;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD") LocalDate date;

    @Option(names = "--jobs", paramLabel = "N") Integer jobs;

    @Mixin ReadOptions read;

    @Override
    public Integer call() {
        if ((db == null) == (lake == null)) {
            throw new UsageException("say where the traces go: --db OUT or --lake DIR");
        }
        if (db != null && (host != null || date != null || jobs != null)) {
            throw new UsageException("--host, --date and --jobs file traces in a lake (--lake)");
        }
        return db != null ? intoDatabase() : intoLake();
    }

    private Integer intoDatabase() {
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

    /** Files in parallel, each its own trace: one that fails costs no other. */
    private Integer intoLake() {
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw new UsageException("--jobs " + threads + ": at least 1");
        }
        read.workspace(null).close(); // a bad --kallsyms or --symfs fails before any work
        if (files.size() > 1 && threads > 1) {
            Progress.set(Progress.NONE); // one progress line cannot show several files
        }
        List<LakeIngest.Outcome> outcomes = LakeIngest.run(files, lake,
                new LakePlacement(date, host), read.strict, () -> read.workspace(null), threads);
        PrintWriter out = spec.commandLine().getOut();
        RuntimeException failed = null;
        for (LakeIngest.Outcome o : outcomes) {
            if (o.failure() != null) {
                if (failed != null) {
                    ErrorHandler.warn(spec.commandLine(), failed);
                }
                failed = o.failure();
                continue;
            }
            LakeTrace t = o.trace();
            out.printf("%s: trace %s, %s, host %s%s%n", o.file(), t.traceId(), t.date(),
                    t.host(), t.replaced() ? " (replaced the earlier copy)" : "");
        }
        if (failed != null) {
            throw failed;
        }
        return ExitCodes.OK;
    }
}
