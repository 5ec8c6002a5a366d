package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.analysis.locks.Kallsyms;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.read.symbols.SymbolSources;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How trace files are read: strictly or not, and with which kernel symbols. */
final class ReadOptions {
    @Option(names = "--strict") boolean strict;

    @Option(names = "--kallsyms", paramLabel = "FILE") Path kallsyms;

    @Option(names = "--symfs", paramLabel = "DIR") Path symfs;

    /** The traces stored in {@code db}: read already, so no reading option applies. */
    Workspace existing(Path db) {
        if (kallsyms != null || symfs != null) {
            throw new UsageException((kallsyms != null ? "--kallsyms" : "--symfs")
                    + " names addresses when trace FILEs are read; give it with the FILEs (or "
                    + "to ingest)");
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
        return Workspace.create(db).kallsyms(symbols).symbols(sources);
    }
}
