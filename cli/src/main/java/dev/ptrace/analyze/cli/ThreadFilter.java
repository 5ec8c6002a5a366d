package dev.ptrace.analyze.cli;

import picocli.CommandLine.Option;

/** Which threads an analysis looks at, as perf's -p and --tid choose what it records. */
final class ThreadFilter {
    @Option(names = {"-p", "--pid"}, paramLabel = "PID",
            description = "Only the threads of this process (perf's -p). Where the trace shows "
                    + "no process ids, threads are grouped by the mm whose mmap_lock they take.")
    Integer pid;

    @Option(names = "--tid", paramLabel = "TID", description = "Only this thread (perf's --tid).")
    Integer tid;
}
