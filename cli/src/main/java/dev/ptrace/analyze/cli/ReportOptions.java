package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.present.SummaryReport;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the report shows and how: its threads and its format. */
final class ReportOptions {
    @Mixin ThreadFilter threads;

    @Option(names = "--format", paramLabel = "FORMAT", descriptionKey = "report-format",
            defaultValue = "text")
    SummaryReport.Format format = SummaryReport.Format.TEXT;

    /** The report in {@code format} of one process's threads (null: all). */
    static ReportOptions of(SummaryReport.Format format, Integer pid) {
        ReportOptions o = new ReportOptions();
        o.format = format;
        o.threads = new ThreadFilter();
        o.threads.pid = pid;
        return o;
    }
}
