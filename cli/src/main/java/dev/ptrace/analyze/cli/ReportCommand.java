package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.present.SummaryReport;
import dev.ptrace.analyze.query.Workspace;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ptrace-analyze report FILE...|--db DB}: the first report, per trace. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "The top findings first, then what was ingested (events, threads, time "
                + "span, skipped lines), the top lock waits by caller, who held the locks, "
                + "where the waiting went, inversions and chains.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceSources sources;

    @Mixin
    ThreadFilter threads;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); json "
                    + "has the findings, where the waiting went, inversions and chains of each "
                    + "trace.")
    SummaryReport.Format format = SummaryReport.Format.TEXT;

    @Override
    public Integer call() throws Exception {
        return report(sources, threads, format, spec);
    }

    static int report(TraceSources sources, ThreadFilter threads, SummaryReport.Format format,
                      CommandSpec spec) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace w = sources.open(spec.commandLine().getErr())) {
            List<Integer> ids = sources.trace != null ? List.of(w.oneTrace(sources.trace))
                    : w.traceIds();
            SummaryReport.print(w.connection(), ids, threads.pid, threads.tid, format, out);
        }
        return ExitCodes.OK;
    }
}
