package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.WaitChainBuilder;
import dev.ptrace.analyze.present.ChainPrinter;
import dev.ptrace.analyze.query.Workspace;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What the chains and inversions commands share: their input, filters and output options. */
abstract class ChainCommandBase implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceSources sources;

    @Mixin
    ThreadFilter threads;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ChainPrinter.Format format;

    @Option(names = {"-E", "--entries"}, paramLabel = "N", defaultValue = "10",
            description = "How many to show, the largest first (default: ${DEFAULT-VALUE}).")
    int entries;

    @Override
    public Integer call() throws Exception {
        try (Workspace w = sources.open(spec.commandLine().getErr())) {
            int trace = w.oneTrace(sources.trace);
            print(w, trace, WaitChainBuilder.build(w.connection(), trace, threads.pid,
                    threads.tid), spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }

    abstract void print(Workspace w, int trace, List<Chain> chains, PrintWriter out)
            throws SQLException;
}
