package dev.ptrace.analyze.cli;

import picocli.CommandLine.Option;

/** Which threads an analysis looks at, as perf's -p and --tid choose what it records. */
final class ThreadFilter {
    @Option(names = {"-p", "--pid"}, paramLabel = "PID") Integer pid;

    @Option(names = "--tid", paramLabel = "TID") Integer tid;
}
