package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.lake.LakeLoader;
import dev.ptrace.analyze.progress.Progress;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.read.Problem;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.SkipReason;
import dev.ptrace.analyze.read.ViaTool;
import dev.ptrace.analyze.store.IngestResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The traces an analysis command reads: files given, the traces stored in {@code --db}, or
 * those of a lake ({@code --lake}, read into memory).
 */
final class TraceSources {
    @Parameters(paramLabel = "FILE", arity = "0..*") List<String> files = List.of();

    @Option(names = "--db", paramLabel = "DB") Path db;

    @Mixin ReadOptions read;

    @Mixin LakeOptions lake;

    @Option(names = "--trace", paramLabel = "ID") String trace;

    /**
     * The trace asked for among those opened: a database's trace_id; in a lake, --trace
     * chose the traces read, so none.
     */
    Integer traceId() {
        if (trace == null || lake.lake != null) {
            return null;
        }
        try {
            return Integer.valueOf(trace);
        } catch (NumberFormatException e) {
            throw new UsageException("--trace " + trace + ": a trace_id of the database (a "
                    + "number); in a lake, the first digits of traces.content_hash");
        }
    }

    /** One capture file, its kernel symbols from {@code kallsyms} (null: none given). */
    static TraceSources of(Path file, Path kallsyms) {
        TraceSources s = new TraceSources();
        s.files = List.of(file.toString());
        s.read = new ReadOptions();
        s.read.kallsyms = kallsyms;
        return s;
    }

    /** Ingests the files, or opens the database; says on {@code err} what was skipped. */
    TraceAnalysis open(PrintWriter err) {
        return open(err, true);
    }

    /**
     * As {@link #open(PrintWriter)}; {@code lockTables}: whether files read into memory need
     * the derived lock tables (into a --db file they are always derived, to be kept).
     */
    TraceAnalysis open(PrintWriter err, boolean lockTables) {
        if (files.isEmpty() && db == null && lake.lake != null) {
            return TraceAnalysis.over(LakeLoader.load(lake.lake, lake.filter(trace)));
        }
        if (files.isEmpty()) {
            if (db == null) {
                throw new UsageException("give trace FILEs, --db with a database of traces, or "
                        + "--lake with a lake of them");
            }
            return TraceAnalysis.over(read.existing(db));
        }
        Workspace w = read.workspace(db).deriveLockTables(lockTables || db != null);
        try {
            for (String f : files) {
                reportSkipped(w.ingest(f, read.strict), err);
            }
            return TraceAnalysis.over(w);
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** How many skipped lines a warning shows; the rest are in the tables. */
    private static final int SHOWN = 3;

    /** For a file with skipped lines: the first few, then how many in all and where. */
    static void reportSkipped(IngestResult r, PrintWriter err) {
        Progress.current().done();
        if (r.events() == 0) {
            err.printf("warning: %s: no events in %,d %s (the capture recorded none, or only "
                    + "its header was written)%n", r.source(), r.binary() ? r.records()
                    : r.lines(), r.binary() ? "records" : "lines");
        }
        if (r.skippedLines() == 0) {
            return;
        }
        for (Problem p : r.examples().subList(0, Math.min(SHOWN, r.examples().size()))) {
            err.printf(r.binary() ? "warning: %s: at byte %d: %s%n" : "warning: %s:%d: %s%n",
                    r.source(), p.line(), p.message());
        }
        err.printf("warning: %s: %,d %s skipped in all (by reason in the stats table, the "
                + "first %d in ingest_problems; --strict stops at the first)%n",
                r.source(), r.skippedLines(), r.binary() ? "record(s)" : "line(s)",
                ProblemLog.EXAMPLES_KEPT);
        Long undecoded = r.skippedByReason().get(SkipReason.UNDECODED_EVENT);
        ViaTool tool = ViaTool.printing(r.format());
        if (undecoded != null && tool != null) {
            err.printf("warning: %s: %,d event(s) not decoded natively: %s reads them through "
                    + "the installed tool's text%n", r.source(), undecoded, tool.option());
        }
    }
}
