package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.present.ChainPrinter;
import dev.ptrace.analyze.query.Workspace;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code ptrace-analyze chains FILE|--db DB}: who waited for whom, down to the root. */
@Command(name = "chains", mixinStandardHelpOptions = true,
        description = "Wait chains: each lock wait traced through the threads it waited for to "
                + "the one whose state explains it, as trees, the most waiting first.")
final class ChainsCommand extends ChainCommandBase {
    @Override
    void print(Workspace w, int trace, List<Chain> chains, PrintWriter out) {
        ChainPrinter.chains(chains, entries, format, out);
    }
}
