package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.InversionFinder;
import dev.ptrace.analyze.present.ChainPrinter;
import dev.ptrace.analyze.query.Workspace;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code ptrace-analyze inversions FILE|--db DB}: priority inversions. */
@Command(name = "inversions", mixinStandardHelpOptions = true,
        description = "Priority inversions: threads of better priority waiting for a lock "
                + "holder that was off CPU, with the time lost and who had the holder's CPU.")
final class InversionsCommand extends ChainCommandBase {
    @Override
    void print(Workspace w, int trace, List<Chain> chains, PrintWriter out)
            throws SQLException {
        ChainPrinter.inversions(InversionFinder.find(w.connection(), trace, chains), entries,
                format, out);
    }
}
