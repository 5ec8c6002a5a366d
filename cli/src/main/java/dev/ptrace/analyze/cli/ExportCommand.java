package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.export.TableExport;
import dev.ptrace.analyze.lake.LakePlacement;
import dev.ptrace.analyze.lake.LakeTrace;
import dev.ptrace.analyze.query.UsageException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ptrace-analyze export FILE|--db DB --folded OUT|--parquet DIR|--csv DIR|--lake DIR}
 * (with FILEs or --db, --lake is where their traces go).
 */
@Command(name = "export")
final class ExportCommand extends TraceCommand {
    @Mixin FoldedOptions folded;

    @Option(names = "--perfetto", paramLabel = "OUT") Path perfetto;

    @Option(names = "--pprof", paramLabel = "OUT.pb.gz") Path pprof;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD") LocalDate date;

    /** The folders every table goes to, by file format (--parquet, --csv). */
    private final Map<TableExport.Format, Path> tables = new EnumMap<>(TableExport.Format.class);

    @Option(names = "--parquet", paramLabel = "DIR")
    void parquet(Path dir) {
        tables.put(TableExport.Format.PARQUET, dir);
    }

    @Option(names = "--csv", paramLabel = "DIR")
    void csv(Path dir) {
        tables.put(TableExport.Format.CSV, dir);
    }

    @Override
    public Integer call() throws Exception {
        Path lake = sources.lake.lake;
        if (folded.out == null && perfetto == null && pprof == null && tables.isEmpty()
                && lake == null) {
            throw new UsageException("say what to export: --folded OUT, --perfetto OUT, "
                    + "--pprof OUT, --parquet DIR, --csv DIR or --lake DIR");
        }
        if (lake != null && sources.files.isEmpty() && sources.db == null) {
            throw new UsageException("--lake DIR is where the traces of FILEs or --db go");
        }
        try (TraceAnalysis a = sources.open(spec.commandLine().getErr())) {
            if (folded.out != null) {
                folded.write(a, a.oneTrace(sources.traceId()), spec.commandLine().getOut(),
                        spec.commandLine().getErr());
            }
            if (perfetto != null) {
                int trace = a.oneTrace(sources.traceId());
                binary(perfetto, out -> a.exportPerfetto(trace, out));
            }
            if (pprof != null) {
                int trace = a.oneTrace(sources.traceId());
                binary(pprof, out -> a.exportPprof(trace, out));
            }
            for (Map.Entry<TableExport.Format, Path> t : tables.entrySet()) {
                tables(a, t.getValue(), t.getKey());
            }
            if (lake != null) {
                for (LakeTrace t : a.exportLake(lake, new LakePlacement(date,
                        sources.lake.host))) {
                    spec.commandLine().getErr().printf("%s: trace %s, %s, host %s%s%n",
                            t.source(), t.traceId(), t.date(), t.host(),
                            t.replaced() ? " (replaced the earlier copy)" : "");
                }
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
            throw OutputException.cannotWrite(file, e);
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
