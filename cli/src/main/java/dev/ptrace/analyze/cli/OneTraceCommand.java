package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.api.TraceAnalysis;
import java.io.PrintWriter;

/**
 * A command about one trace: its input (files, or a database and --trace) opened, the trace
 * chosen, the output handed to {@link #run}.
 */
abstract class OneTraceCommand extends TraceCommand {
    @Override
    public final Integer call() throws Exception {
        try (TraceAnalysis a = sources.open(spec.commandLine().getErr())) {
            run(a, a.oneTrace(sources.traceId()), spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }

    abstract void run(TraceAnalysis a, int trace, PrintWriter out) throws Exception;
}
