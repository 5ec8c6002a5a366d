package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.present.HtmlReport;
import dev.ptrace.analyze.present.SummaryReport;
import dev.ptrace.analyze.report.ReportPictures;
import dev.ptrace.analyze.report.TraceReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code ptrace-analyze report FILE...|--db DB}: the first report, per trace. */
@Command(name = "report")
final class ReportCommand extends TraceCommand {
    @Mixin ReportOptions options;

    @Option(names = "--out", paramLabel = "FILE") Path outFile;

    @Override
    public Integer call() throws Exception {
        if (options.format == SummaryReport.Format.HTML) {
            return html();
        }
        return report(sources, options, spec);
    }

    /** The report of each trace (of --trace: that one) in a format other than html. */
    static int report(TraceSources sources, ReportOptions options, CommandSpec spec)
            throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (TraceAnalysis a = sources.open(spec.commandLine().getErr())) {
            List<Integer> ids = sources.traceId() != null ? List.of(a.oneTrace(sources.traceId()))
                    : a.traceIds();
            List<TraceReport> reports = new ArrayList<>();
            for (int id : ids) {
                reports.add(a.report(id, options.threads.pid, options.threads.tid));
            }
            SummaryReport.print(reports, options.format, out);
        }
        return ExitCodes.OK;
    }

    /** One trace's self-contained HTML report, to --out or standard output. */
    private int html() throws Exception {
        try (TraceAnalysis a = sources.open(spec.commandLine().getErr())) {
            int trace = a.oneTrace(sources.traceId());
            TraceReport report = a.report(trace);
            ReportPictures pictures = a.pictures(trace);
            if (outFile == null) {
                HtmlReport.write(report, pictures, spec.commandLine().getOut());
            } else {
                try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(outFile,
                        StandardCharsets.UTF_8))) {
                    HtmlReport.write(report, pictures, out);
                } catch (IOException e) {
                    throw OutputException.cannotWrite(outFile, e);
                }
            }
        }
        return ExitCodes.OK;
    }
}
