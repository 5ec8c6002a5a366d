package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.export.FoldedStacks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import picocli.CommandLine.Option;

/** The folded-stacks export: where to, and which stacks. */
final class FoldedOptions {
    @Option(names = "--folded", paramLabel = "OUT") String out;

    @Option(names = "--folded-mode", paramLabel = "MODE", defaultValue = "cpu")
    FoldedStacks.Mode mode;

    @Option(names = "--event", paramLabel = "EVENT") String event;

    @Option(names = "--samples-only") boolean samplesOnly;

    /**
     * Writes the trace's folded stacks to --folded ({@code stdout} for -), and to {@code stderr}
     * why nothing was folded of a trace with stacks.
     */
    void write(TraceAnalysis a, int trace, PrintWriter stdout, PrintWriter stderr)
            throws SQLException {
        String nothingFolded;
        if (out.equals("-")) {
            nothingFolded = a.exportFolded(trace, mode, event, !samplesOnly, stdout);
        } else {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(out),
                    StandardCharsets.UTF_8))) {
                nothingFolded = a.exportFolded(trace, mode, event, !samplesOnly, w);
            } catch (IOException e) {
                throw OutputException.cannotWrite(out, e);
            }
        }
        if (nothingFolded != null) {
            stderr.println("ptrace-analyze: " + nothingFolded);
        }
    }
}
