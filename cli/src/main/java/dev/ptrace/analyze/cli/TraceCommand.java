package dev.ptrace.analyze.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that reads traces: files given, or the traces stored in --db. */
abstract class TraceCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin TraceSources sources;
}
