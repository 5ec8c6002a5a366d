package dev.ptrace.analyze.cli;

import picocli.CommandLine.Option;

/** A command about one trace that prints a ranked list: findings, chains, inversions. */
abstract class RankedListCommand extends OneTraceCommand {
    @Option(names = {"-E", "--entries"}, paramLabel = "N", defaultValue = "10") int entries;
}
