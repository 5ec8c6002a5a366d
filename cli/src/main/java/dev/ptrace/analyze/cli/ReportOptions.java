package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.present.SummaryReport;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the report shows and how: its threads and its format. */
final class ReportOptions {
    @Mixin
    ThreadFilter threads;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); json "
                    + "has every section of each trace; html is one self-contained page of one "
                    + "trace (report --out FILE).")
    SummaryReport.Format format = SummaryReport.Format.TEXT;
}
