package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.analysis.causes.CauseTaxonomy;
import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.present.AttributionPrinter;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ptrace-analyze attribute FILE|--db DB}: where the waiting went. */
@Command(name = "attribute")
final class AttributeCommand extends OneTraceCommand {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text")
    AttributionPrinter.Format format;

    @Option(names = "--causes", paramLabel = "FILE") Path causes;

    @Override
    void run(TraceAnalysis a, int trace, PrintWriter out) throws Exception {
        CauseTaxonomy taxonomy = causes == null ? CauseTaxonomy.shipped()
                : CauseTaxonomy.withFile(causes);
        AttributionPrinter.print(a.attribution(trace, taxonomy), format, out);
    }
}
