package dev.ptrace.analyze.record;

import dev.ptrace.analyze.query.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A process a recording runs (perf record, or the command traced through tracefs): standard
 * input this process's, standard output and error copied line by line to our standard error (our
 * standard output is the report's), the lines it printed kept for what they say.
 */
final class ToolRun {
    /** Lines kept of what it printed: the first ones, where a tool says what went wrong. */
    private static final int KEPT = 100;
    private final Process process;
    private final String marker;
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private volatile boolean marked;
    private final List<Thread> copiers = new ArrayList<>();

    private ToolRun(Process process, String marker, PrintWriter err) {
        this.process = process;
        this.marker = marker;
        copiers.add(copy(process.getInputStream(), err, "stdout"));
        copiers.add(copy(process.getErrorStream(), err, "stderr"));
    }

    /**
     * Starts {@code command}; {@link #printedMarker} tells whether it printed a line starting
     * with {@code marker} (null: none looked for).
     */
    static ToolRun start(List<String> command, String marker, PrintWriter err) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            return new ToolRun(p, marker, err);
        } catch (IOException e) {
            throw new UsageException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lets it run until it ends, {@code limit} passes (null: no limit) or Ctrl-C, and then
     * until it has ended (stopped with SIGTERM, which perf record takes as its Ctrl-C) and
     * everything it printed is read.
     */
    RecordingEnd runToItsEnd(Interrupts ctrlC, Duration limit) {
        RecordingEnd how = ctrlC.await(process.onExit(), limit,
                () -> process.toHandle().destroy()); // Process.destroy would close its pipes
        try {
            process.waitFor();
            for (Thread t : copiers) {
                t.join(2000);
            }
            return how;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return RecordingEnd.INTERRUPTED;
        }
    }

    /** Its exit status once it ended; -1 while it runs. */
    int exit() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    /** Whether it printed a line starting with the marker given at its start. */
    boolean printedMarker() {
        return marked;
    }

    /** The first line it printed that says something and does not start with {@code not}. */
    String firstLineNot(String not) {
        return printed.stream().filter(l -> !l.isBlank() && !l.startsWith(not)).findFirst()
                .map(String::strip).orElse(null);
    }

    private Thread copy(InputStream in, PrintWriter err, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (printed.size() < KEPT) {
                        printed.add(line);
                    }
                    if (marker != null && line.startsWith(marker)) {
                        marked = true;
                    }
                    err.println(line);
                }
            } catch (IOException e) {
                // the process is gone: what it printed so far is what there is
            }
        }, "ptrace-analyze record " + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
