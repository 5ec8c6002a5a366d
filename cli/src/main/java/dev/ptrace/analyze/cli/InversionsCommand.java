package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.present.ChainPrinter;
import java.io.PrintWriter;
import java.sql.SQLException;
import picocli.CommandLine.Command;

/** {@code ptrace-analyze inversions FILE|--db DB}: priority inversions. */
@Command(name = "inversions")
final class InversionsCommand extends ChainCommandBase {
    @Override
    void run(TraceAnalysis a, int trace, PrintWriter out) throws SQLException {
        ChainPrinter.inversions(a.inversions(trace, threads.pid, threads.tid), entries, format,
                out);
    }
}
