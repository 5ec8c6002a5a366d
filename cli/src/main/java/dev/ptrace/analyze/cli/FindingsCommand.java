package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.analysis.findings.Findings;
import dev.ptrace.analyze.present.FindingsPrinter;
import dev.ptrace.analyze.query.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ptrace-analyze findings FILE|--db DB}: what to change, ranked by what it saves. */
@Command(name = "findings", mixinStandardHelpOptions = true,
        description = "What to change, the largest predicted saving first: each finding with "
                + "its evidence, the what-if model's prediction, what to do and a query to "
                + "rerun (texts in findings.tsv, parameters in what-if.tsv).")
final class FindingsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceSources sources;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FindingsPrinter.Format format;

    @Option(names = {"-E", "--entries"}, paramLabel = "N", defaultValue = "10",
            description = "How many to show (default: ${DEFAULT-VALUE}).")
    int entries;

    @Override
    public Integer call() throws Exception {
        try (Workspace w = sources.open(spec.commandLine().getErr())) {
            int trace = w.oneTrace(sources.trace);
            FindingsPrinter.print(trace, Findings.of(w.connection(), trace), entries, format,
                    spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
