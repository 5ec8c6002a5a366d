package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.export.TableExport;
import dev.ptrace.analyze.query.UsageException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ptrace-analyze export FILE|--db DB --folded OUT|--parquet DIR|--csv DIR}. */
@Command(name = "export")
final class ExportCommand extends TraceCommand {
    @Mixin FoldedOptions folded;

    @Option(names = "--perfetto", paramLabel = "OUT") Path perfetto;

    @Option(names = "--pprof", paramLabel = "OUT.pb.gz") Path pprof;

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
        if (folded.out == null && perfetto == null && pprof == null && tables.isEmpty()) {
            throw new UsageException("say what to export: --folded OUT, --perfetto OUT, "
                    + "--pprof OUT, --parquet DIR or --csv DIR");
        }
        try (TraceAnalysis a = sources.open(spec.commandLine().getErr())) {
            if (folded.out != null) {
                folded.write(a, a.oneTrace(sources.trace), spec.commandLine().getOut(),
                        spec.commandLine().getErr());
            }
            if (perfetto != null) {
                int trace = a.oneTrace(sources.trace);
                binary(perfetto, out -> a.exportPerfetto(trace, out));
            }
            if (pprof != null) {
                int trace = a.oneTrace(sources.trace);
                binary(pprof, out -> a.exportPprof(trace, out));
            }
            for (Map.Entry<TableExport.Format, Path> t : tables.entrySet()) {
                tables(a, t.getValue(), t.getKey());
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
