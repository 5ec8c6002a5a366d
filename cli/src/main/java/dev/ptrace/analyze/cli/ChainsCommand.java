package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.present.ChainPrinter;
import java.io.PrintWriter;
import java.sql.SQLException;
import picocli.CommandLine.Command;

/** {@code ptrace-analyze chains FILE|--db DB}: who waited for whom, down to the root. */
@Command(name = "chains")
final class ChainsCommand extends ChainCommandBase {
    @Override
    void run(TraceAnalysis a, int trace, PrintWriter out) throws SQLException {
        ChainPrinter.chains(a.chains(trace, threads.pid, threads.tid), entries, format, out);
    }
}
