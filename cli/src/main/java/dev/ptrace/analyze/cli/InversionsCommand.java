package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.analysis.chains.InversionFinder;
import dev.ptrace.analyze.analysis.chains.WaitChainBuilder;
import dev.ptrace.analyze.present.ChainPrinter;
import dev.ptrace.analyze.query.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ptrace-analyze inversions FILE|--db DB}: priority inversions. */
@Command(name = "inversions", mixinStandardHelpOptions = true,
        description = "Priority inversions: threads of better priority waiting for a lock "
                + "holder that was off CPU, with the time lost and who had the holder's CPU.")
final class InversionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceSources sources;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ChainPrinter.Format format;

    @Option(names = {"-E", "--entries"}, paramLabel = "N", defaultValue = "10",
            description = "Inversions to show (default: ${DEFAULT-VALUE}).")
    int entries;

    @Mixin
    ThreadFilter threads;

    @Override
    public Integer call() throws Exception {
        try (Workspace w = sources.open(spec.commandLine().getErr())) {
            int trace = w.oneTrace(sources.trace);
            ChainPrinter.inversions(InversionFinder.find(w.connection(), trace,
                    WaitChainBuilder.build(w.connection(), trace, threads.pid, threads.tid)), entries, format,
                    spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
