package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.WaitChainBuilder;
import dev.ptrace.analyze.present.ChainPrinter;
import dev.ptrace.analyze.query.Workspace;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the chains and inversions commands share: their input, filters and output options. */
abstract class ChainCommandBase extends OneTraceCommand {
    @Mixin
    ThreadFilter threads;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ChainPrinter.Format format;

    @Option(names = {"-E", "--entries"}, paramLabel = "N", defaultValue = "10",
            description = "How many to show, the largest first (default: ${DEFAULT-VALUE}).")
    int entries;

    @Override
    void run(Workspace w, int trace, PrintWriter out) throws Exception {
        print(w, trace, WaitChainBuilder.build(w.connection(), trace, threads.pid,
                threads.tid), out);
    }

    abstract void print(Workspace w, int trace, List<Chain> chains, PrintWriter out)
            throws SQLException;
}
