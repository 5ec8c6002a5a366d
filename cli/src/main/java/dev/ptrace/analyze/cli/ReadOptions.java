package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.analysis.locks.Kallsyms;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.query.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How trace files are read: strictly or not, and with which kernel symbols. */
final class ReadOptions {
    @Option(names = "--strict") boolean strict;

    @Option(names = "--kallsyms", paramLabel = "FILE") Path kallsyms;

    /** The traces stored in {@code db}: read already, so no reading option applies. */
    Workspace existing(Path db) {
        if (kallsyms != null) {
            throw new UsageException("--kallsyms names locks when trace FILEs are read; give it "
                    + "with the FILEs (or to ingest)");
        }
        return Workspace.existing(db);
    }

    /**
     * A workspace over {@code db} (null: in memory) that reads files so; the symbols are read
     * first, so that a bad symbol file leaves no new database behind.
     */
    Workspace workspace(Path db) {
        Kallsyms symbols = kallsyms == null ? null : Kallsyms.read(kallsyms);
        return Workspace.create(db).kallsyms(symbols);
    }
}
