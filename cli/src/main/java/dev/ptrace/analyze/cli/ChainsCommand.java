package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.analysis.chains.WaitChainBuilder;
import dev.ptrace.analyze.present.ChainPrinter;
import dev.ptrace.analyze.query.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ptrace-analyze chains FILE|--db DB}: who waited for whom, down to the root. */
@Command(name = "chains", mixinStandardHelpOptions = true,
        description = "Wait chains: each lock wait traced through the threads it waited for to "
                + "the one whose state explains it, as trees, the most waiting first.")
final class ChainsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceSources sources;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ChainPrinter.Format format;

    @Option(names = {"-E", "--entries"}, paramLabel = "N", defaultValue = "10",
            description = "Chains to show (default: ${DEFAULT-VALUE}).")
    int entries;

    @Mixin
    ThreadFilter threads;

    @Override
    public Integer call() throws Exception {
        try (Workspace w = sources.open(spec.commandLine().getErr())) {
            int trace = w.oneTrace(sources.trace);
            ChainPrinter.chains(WaitChainBuilder.build(w.connection(), trace, threads.pid, threads.tid), entries, format,
                    spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
