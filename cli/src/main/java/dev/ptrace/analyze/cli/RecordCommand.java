package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.present.SummaryReport;
import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.record.Machine;
import dev.ptrace.analyze.record.RecordRequest;
import dev.ptrace.analyze.record.Recording;
import dev.ptrace.analyze.record.TraceRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ptrace-analyze record [--duration S] [-p PID] [-o DIR] -- COMMAND...}: records what
 * the analysis needs, keeps the capture, then prints the report of it.
 */
@Command(name = "record")
final class RecordCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--duration", paramLabel = "S") Double duration;

    @Option(names = {"-p", "--pid"}, paramLabel = "PID") Integer pid;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR") Path dir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text")
    SummaryReport.Format format = SummaryReport.Format.TEXT;

    @Parameters(paramLabel = "COMMAND", arity = "0..*") List<String> command = List.of();

    @Override
    public Integer call() throws Exception {
        if (format == SummaryReport.Format.HTML) {
            throw new UsageException("the HTML report is one file: record, then ptrace-analyze "
                    + "report DIR/perf.data --format html --out report.html");
        }
        RecordRequest request = new RecordRequest(command, pid, duration == null ? null
                : Duration.ofNanos(Math.round(duration * 1e9)), dir != null ? dir
                : TraceRecorder.defaultDir(LocalDateTime.now()));
        Recording r = TraceRecorder.record(request, Machine.local(),
                spec.commandLine().getErr());
        return ReportCommand.report(TraceSources.of(r.capture(), r.kallsyms()),
                ReportOptions.of(format, r.pid()), spec);
    }
}
