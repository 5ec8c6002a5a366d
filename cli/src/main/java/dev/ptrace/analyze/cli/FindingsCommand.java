package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.present.FindingsPrinter;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ptrace-analyze findings FILE|--db DB}: what to change, ranked by what it saves. */
@Command(name = "findings",
        description = "What to change, the largest predicted saving first: each finding with "
                + "its evidence, the what-if model's prediction, what to do and a query to "
                + "rerun (texts in findings.tsv, parameters in what-if.tsv).")
final class FindingsCommand extends RankedListCommand {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FindingsPrinter.Format format;

    @Override
    void run(TraceAnalysis a, int trace, PrintWriter out) throws Exception {
        FindingsPrinter.print(trace, a.findings(trace), entries, format, out);
    }
}
