package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.present.ChainPrinter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the chains and inversions commands share: their input, filters and output options. */
abstract class ChainCommandBase extends OneTraceCommand {
    @Mixin
    ThreadFilter threads;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ChainPrinter.Format format;

    @Option(names = {"-E", "--entries"}, paramLabel = "N", defaultValue = "10",
            description = "How many to show, the largest first (default: ${DEFAULT-VALUE}).")
    int entries;
}
