package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.analysis.locks.Kallsyms;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.read.ViaTool;
import dev.ptrace.analyze.read.symbols.SymbolSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How trace files are read: strictly or not, with which kernel symbols, natively or through an
 * installed tool's text.
 */
final class ReadOptions {
    @Option(names = "--strict") boolean strict;

    @Option(names = "--kallsyms", paramLabel = "FILE") Path kallsyms;

    @Option(names = "--symfs", paramLabel = "DIR") Path symfs;

    @Option(names = "--via-perf-script") boolean viaPerfScript;

    @Option(names = "--via-trace-cmd") boolean viaTraceCmd;

    /** The traces stored in {@code db}: read already, so no reading option applies. */
    Workspace existing(Path db) {
        if (kallsyms != null || symfs != null) {
            throw new UsageException((kallsyms != null ? "--kallsyms" : "--symfs")
                    + " names addresses when trace FILEs are read; give it with the FILEs (or "
                    + "to ingest)");
        }
        if (!via().isEmpty()) {
            throw new UsageException(via().get(0).option() + " reads trace FILEs; give it with "
                    + "the FILEs (or to ingest)");
        }
        return Workspace.existing(db);
    }

    /**
     * A workspace over {@code db} (null: in memory) that reads files so; the symbols are read
     * first, so that a bad symbol file leaves no new database behind.
     */
    Workspace workspace(Path db) {
        Kallsyms symbols = kallsyms == null ? null : Kallsyms.read(kallsyms);
        SymbolSources sources = SymbolSources.LOCAL;
        if (kallsyms != null) {
            sources = sources.withKallsyms(kallsyms);
        }
        if (symfs != null) {
            if (!java.nio.file.Files.isDirectory(symfs)) {
                throw new UsageException("--symfs " + symfs + ": not a directory");
            }
            sources = sources.withSymfs(symfs);
        }
        return Workspace.create(db).kallsyms(symbols).symbols(sources).via(via());
    }

    /** The tools asked to print the captures they read. */
    private List<ViaTool> via() {
        List<ViaTool> tools = new ArrayList<>();
        if (viaPerfScript) {
            tools.add(ViaTool.PERF_SCRIPT);
        }
        if (viaTraceCmd) {
            tools.add(ViaTool.TRACE_CMD);
        }
        return tools;
    }
}
