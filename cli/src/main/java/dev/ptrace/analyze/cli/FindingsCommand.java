package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.present.FindingsPrinter;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ptrace-analyze findings FILE|--db DB}: what to change, ranked by what it saves. */
@Command(name = "findings")
final class FindingsCommand extends RankedListCommand {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text")
    FindingsPrinter.Format format;

    @Override
    void run(TraceAnalysis a, int trace, PrintWriter out) throws Exception {
        FindingsPrinter.print(trace, a.findings(trace), entries, format, out);
    }
}
