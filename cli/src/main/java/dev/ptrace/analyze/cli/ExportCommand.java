package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.export.FoldedStacks;
import dev.ptrace.analyze.export.TableExport;
import dev.ptrace.analyze.query.UsageException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ptrace-analyze export FILE|--db DB --folded OUT|--parquet DIR|--csv DIR}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a trace for other tools: a Perfetto timeline, folded stacks "
                + "(flamegraph.pl, speedscope, inferno), a pprof profile, and every table as "
                + "Parquet or CSV.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceSources sources;

    @Option(names = "--folded", paramLabel = "OUT",
            description = "Folded stacks of the trace (- for standard output).")
    String folded;

    @Option(names = "--folded-mode", paramLabel = "MODE", defaultValue = "cpu",
            description = "cpu: on-CPU samples as stackcollapse-perf.pl counts them; waits: "
                    + "lock wait stacks weighted by ns waited (default: ${DEFAULT-VALUE}).")
    FoldedStacks.Mode foldedMode;

    @Option(names = "--event", paramLabel = "EVENT",
            description = "cpu mode: the sample event to keep (default: the first in the "
                    + "trace, as stackcollapse-perf.pl does).")
    String event;

    @Option(names = "--samples-only", description = "cpu mode: leave out the stacks of "
            + "tracepoint events (which stackcollapse-perf.pl counts once each).")
    boolean samplesOnly;

    @Option(names = "--perfetto", paramLabel = "OUT",
            description = "A Perfetto trace (open it in ui.perfetto.dev): thread states, lock "
                    + "waits, holds and inversions as slices, flows from holders to the waiters "
                    + "they handed the lock to, waiters per lock as counters.")
    Path perfetto;

    @Option(names = "--pprof", paramLabel = "OUT.pb.gz",
            description = "A pprof profile: sample types contentions, wait and hold (ns); "
                    + "labels lock, thread, tid, cause (go tool pprof reads it).")
    Path pprof;

    @Option(names = "--parquet", paramLabel = "DIR",
            description = "Every table as Parquet, a folder per table, partitioned by trace.")
    Path parquet;

    @Option(names = "--csv", paramLabel = "DIR",
            description = "Every table as CSV with a header, partitioned by trace.")
    Path csv;

    @Override
    public Integer call() throws Exception {
        if (folded == null && perfetto == null && pprof == null && parquet == null
                && csv == null) {
            throw new UsageException("say what to export: --folded OUT, --perfetto OUT, "
                    + "--pprof OUT, --parquet DIR or --csv DIR");
        }
        try (TraceAnalysis a = sources.open(spec.commandLine().getErr())) {
            if (folded != null) {
                int trace = a.oneTrace(sources.trace);
                if (folded.equals("-")) {
                    a.exportFolded(trace, foldedMode, event, !samplesOnly,
                            spec.commandLine().getOut());
                } else {
                    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(
                            Path.of(folded), StandardCharsets.UTF_8))) {
                        a.exportFolded(trace, foldedMode, event, !samplesOnly, out);
                    } catch (IOException e) {
                        throw new OutputException(folded, "cannot write ("
                                + e.getClass().getSimpleName() + ")", e);
                    }
                }
            }
            if (perfetto != null) {
                int trace = a.oneTrace(sources.trace);
                binary(perfetto, out -> a.exportPerfetto(trace, out));
            }
            if (pprof != null) {
                int trace = a.oneTrace(sources.trace);
                binary(pprof, out -> a.exportPprof(trace, out));
            }
            if (parquet != null) {
                tables(a, parquet, TableExport.Format.PARQUET);
            }
            if (csv != null) {
                tables(a, csv, TableExport.Format.CSV);
            }
        }
        return ExitCodes.OK;
    }

    /** Writes one file of an exporter's bytes. */
    private interface Exporter {
        void write(OutputStream out) throws Exception;
    }

    private static void binary(Path file, Exporter exporter) throws Exception {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            exporter.write(out);
        } catch (IOException e) {
            throw new OutputException(file.toString(), "cannot write ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private void tables(TraceAnalysis a, Path dir, TableExport.Format format) throws Exception {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new OutputException(dir.toString(), "cannot create the folder ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        Map<String, Long> rows = a.exportTables(dir, format);
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        spec.commandLine().getErr().printf("wrote %,d rows of %d tables to %s%n", total,
                rows.size(), dir);
    }
}
