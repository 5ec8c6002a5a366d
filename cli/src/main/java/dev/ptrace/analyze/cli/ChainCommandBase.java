package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.present.ChainPrinter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the chains and inversions commands share: their input, filters and output options. */
abstract class ChainCommandBase extends RankedListCommand {
    @Mixin ThreadFilter threads;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text")
    ChainPrinter.Format format;
}
