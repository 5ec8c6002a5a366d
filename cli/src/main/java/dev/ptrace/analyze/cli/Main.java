package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.progress.Progress;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TempFiles;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;

/** Entry point: builds the command line, runs it, exits with its code. */
public final class Main {
    /** Set by the launcher when stderr is a terminal ([ -t 2 ]): Java cannot tell. */
    static final String STDERR_IS_TERMINAL = "ptrace-analyze.stderr-is-terminal";

    private Main() {
    }

    public static void main(String[] args) {
        Database.preload();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        AtomicBoolean finished = new AtomicBoolean();
        // Ctrl-C or kill (SIGINT, SIGTERM) before the command ends: what was not committed
        // (the trace being ingested) is not in the database; say so and exit 130 as shells do
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get()) {
                Database.discardUncommittedNew();
                TempFiles.removeAll();
                err.println("ptrace-analyze: interrupted: the trace being read was not stored; "
                        + "a database keeps the traces committed before");
                err.flush();
                Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
            }
        }));
        int code = run(args, out, err);
        finished.set(true);
        System.exit(code);
    }

    /** Runs one command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = PtraceAnalyzeCommand.commandLine(args);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        ErrorHandler handler = new ErrorHandler();
        cmd.setExecutionExceptionHandler(handler);
        cmd.setParameterExceptionHandler(handler);
        cmd.setExecutionStrategy(parsed -> {
            PtraceAnalyzeCommand root = parsed.commandSpec().commandLine().getCommand();
            boolean terminal = Boolean.getBoolean(STDERR_IS_TERMINAL);
            Progress.set(terminal && !root.quiet ? new TerminalProgress(err) : Progress.NONE);
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                Progress.current().done();
                Progress.set(Progress.NONE);
            }
        });
        try {
            return cmd.execute(args);
        } catch (Error e) { // picocli hands only Exceptions to the handler
            if (java.util.Arrays.asList(args).contains("--debug")) {
                e.printStackTrace(err);
            }
            err.println("ptrace-analyze: internal error: " + e.getClass().getSimpleName()
                    + (e instanceof OutOfMemoryError ? " (the JVM's heap is full: raise it with "
                    + "PTRACE_ANALYZE_JAVA_OPTS=-Xmx2g)" : e.getMessage() == null ? ""
                    : ": " + e.getMessage()) + " (run with --debug for the stack trace)");
            err.flush();
            return ExitCodes.INTERNAL;
        }
    }
}
