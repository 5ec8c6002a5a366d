package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.present.SummaryReport;
import dev.ptrace.analyze.query.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code ptrace-analyze FILE...}: ingest and print the first report. */
@Command(name = "ptrace-analyze", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Who made whom wait, for how long, and why: lock waits in perf traces.",
        subcommands = {IngestCommand.class, SqlCommand.class, ContentionCommand.class,
            ChainsCommand.class, InversionsCommand.class, AttributeCommand.class,
            FindingsCommand.class, CheckCommand.class, DiffCommand.class, ExportCommand.class,
            ReportCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a check rule failed",
            "2:usage or input error (message names file and line)", "3:internal error",
            "130:interrupted (Ctrl-C): the trace being read is not stored"})
public final class PtraceAnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceSources sources;

    @Mixin
    ThreadFilter threads;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report as ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SummaryReport.Format format = SummaryReport.Format.TEXT;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the Java stack trace of an error.")
    boolean debug;

    @Option(names = "--quiet", scope = ScopeType.INHERIT,
            description = "No progress line on stderr (shown only when stderr is a terminal).")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (sources.files.isEmpty() && sources.db == null) {
            spec.commandLine().usage(spec.commandLine().getOut());
            return ExitCodes.USAGE_OR_INPUT;
        }
        if (format == SummaryReport.Format.HTML) {
            throw new UsageException("the HTML report is one file per trace: ptrace-analyze "
                    + "report FILE --format html --out report.html");
        }
        return ReportCommand.report(sources, threads, format, spec);
    }
}
