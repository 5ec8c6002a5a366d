package dev.ptrace.analyze.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** The output options check and diff share: JSON instead of text, JUnit and Markdown files. */
final class ReportFiles {
    @Option(names = "--junit", paramLabel = "FILE") Path junit;

    @Option(names = "--markdown", paramLabel = "FILE") Path markdown;

    @Option(names = "--json") boolean json;

    /** Prints JSON or text to {@code out}, then writes the files asked for. */
    void report(PrintWriter out, Consumer<PrintWriter> jsonReport,
                Consumer<PrintWriter> textReport, Consumer<Writer> junitReport,
                Consumer<PrintWriter> markdownReport) {
        (json ? jsonReport : textReport).accept(out);
        write(junitReport, markdownReport);
    }

    private void write(Consumer<Writer> junitReport, Consumer<PrintWriter> markdownReport) {
        if (junit != null) {
            write(junit, junitReport);
        }
        if (markdown != null) {
            write(markdown, w -> markdownReport.accept(new PrintWriter(w)));
        }
    }

    /** A path that cannot be written is an input error naming it. */
    private static void write(Path file, Consumer<Writer> report) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            report.accept(w);
        } catch (IOException e) {
            throw new OutputException(file.toString(), "cannot write the report ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }
}
