package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.analysis.contention.ContentionKey;
import dev.ptrace.analyze.analysis.contention.PerfCallerRule;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.present.ContentionPrinter;
import dev.ptrace.analyze.query.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ptrace-analyze contention FILE|--db DB --by caller|thread}: perf lock contention. */
@Command(name = "contention", mixinStandardHelpOptions = true,
        description = "Lock wait statistics with perf lock contention's rules and columns.")
final class ContentionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceSources sources;

    @Option(names = "--by", paramLabel = "KEY", defaultValue = "caller",
            description = "Group by ${COMPLETION-CANDIDATES} (perf's default, and its -t) "
                    + "(default: ${DEFAULT-VALUE}).")
    ContentionKey by;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ContentionPrinter.Format format;

    @Option(names = "--stack-skip", paramLabel = "N",
            defaultValue = "" + PerfCallerRule.DEFAULT_STACK_SKIP,
            description = "Frames to skip before looking for the caller (default: "
                    + "${DEFAULT-VALUE}, as perf).")
    int stackSkip;

    @Option(names = "--max-stack", paramLabel = "N",
            defaultValue = "" + PerfCallerRule.DEFAULT_MAX_STACK,
            description = "Frames of each stack to look at (default: ${DEFAULT-VALUE}, as perf).")
    int maxStack;

    @Mixin
    ThreadFilter threads;

    @Override
    public Integer call() throws Exception {
        try (Workspace w = sources.open(spec.commandLine().getErr())) {
            int trace = w.oneTrace(sources.trace);
            PerfLockContention.Result r = PerfLockContention.run(w.connection(), trace,
                    new PerfLockContention.Options(by, stackSkip, maxStack, threads.pid, threads.tid));
            ContentionPrinter.print(r, format, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
