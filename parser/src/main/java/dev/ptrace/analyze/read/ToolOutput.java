package dev.ptrace.analyze.read;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command's standard output read as the lines of a trace, while the command prints it: the
 * text an installed tool makes of a capture (perf script, trace-cmd report). The command's
 * standard error is read aside; a command that cannot start, or that ends with a non-zero
 * exit, is one {@link InputException} naming the input, the tool and its first error line.
 */
public final class ToolOutput {
    /** How long a command's standard error may stay open after its output ended. */
    private static final long STDERR_WAIT_MILLIS = 2000;

    private ToolOutput() {
    }

    /**
     * Starts {@code command} and opens its output as the trace {@code name}.
     *
     * @param environment variables set for the command (on top of this process's)
     * @param stdin       whether the command reads this process's standard input
     * @param cannotStart what to say when the command cannot be run (not installed)
     * @param afterClose  run once the command is done with (a temporary file removed)
     */
    public static LineSource open(String name, List<String> command,
                                  Map<String, String> environment, boolean stdin,
                                  String cannotStart, Runnable afterClose) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(stdin ? ProcessBuilder.Redirect.INHERIT
                        : ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            afterClose.run();
            throw new InputException(name, 0, cannotStart, e);
        }
        if (!stdin) {
            closeQuietly(p.getOutputStream());
        }
        FirstErrorLine error = new FirstErrorLine(p.getErrorStream());
        error.start();
        // named by the tool and its verb (perf script), not every argument
        String label = java.nio.file.Path.of(command.get(0)).getFileName()
                + (command.size() > 1 ? " " + command.get(1) : "");
        Output out = new Output(name, label, p, error, afterClose);
        try {
            return TraceInput.open(name, out);
        } catch (RuntimeException e) { // the command failed before its first lines
            closeQuietly(out);
            throw e;
        }
    }

    /** The command's output; at its end, the command's exit status checked. */
    private static final class Output extends FilterInputStream {
        private final String name;
        private final String command;
        private final Process process;
        private final FirstErrorLine error;
        private final Runnable afterClose;
        private boolean ended;
        private boolean closed;

        Output(String name, String command, Process process, FirstErrorLine error,
               Runnable afterClose) {
            super(process.getInputStream());
            this.name = name;
            this.command = command;
            this.process = process;
            this.error = error;
            this.afterClose = afterClose;
        }

        @Override
        public int read() throws IOException {
            return atEnd(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return atEnd(super.read(b, off, len));
        }

        /** {@code n} as read; at the end of the output, an error if the command failed. */
        private int atEnd(int n) {
            if (n >= 0 || ended) {
                return n;
            }
            ended = true;
            int exit;
            try {
                exit = process.waitFor();
                error.join(STDERR_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InputException(name, 0, "interrupted while '" + command + "' ran", e);
            }
            if (exit != 0) {
                String line = error.line();
                throw new InputException(name, 0, "'" + command + "' failed (exit " + exit + ")"
                        + (line == null ? "" : ": " + line));
            }
            return n;
        }

        /** Stops a command whose output is no longer read (an error stopped the reading). */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (process.isAlive()) {
                    process.destroy();
                    if (!process.waitFor(STDERR_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                        process.destroyForcibly().waitFor();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                super.close();
                afterClose.run();
            }
        }
    }

    /** Reads a command's standard error to its end, keeping the first line that says something. */
    private static final class FirstErrorLine extends Thread {
        private final InputStream in;
        private volatile String line;

        FirstErrorLine(InputStream in) {
            super("ptrace-analyze tool stderr");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    if (line == null && !l.isBlank()) {
                        line = l.strip();
                    }
                }
            } catch (IOException e) {
                // the command is gone: what it said so far is what there is
            }
        }

        String line() {
            return line;
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to close
        }
    }
}
