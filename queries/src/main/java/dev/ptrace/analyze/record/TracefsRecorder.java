package dev.ptrace.analyze.record;

import dev.ptrace.analyze.query.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * Records through tracefs where perf is missing: the events enabled in set_event with the
 * record-tgid option (process ids) and, where the kernel has it, the userstacktrace option
 * (each event's user stack, as a {@code <user stack trace>} block of bare addresses: tracefs
 * names no user frame of a process that has ended), tracing on while the command runs (or for
 * the process given, until it ends, --duration or Ctrl-C), then the {@code trace} file kept as
 * DIR/trace.txt. System-wide, as tracefs is: the report is about the recorded process. The
 * tracing settings are put back afterwards.
 */
final class TracefsRecorder {
    /** Per-CPU ring buffer, in KiB: a busy second of lock and scheduler events fits. */
    static final int BUFFER_KB = 16384;
    static final String CAPTURE = "trace.txt";
    /** The option that adds each event's user stack (the futex callers); not on every arch. */
    static final String USER_STACKS = "options/userstacktrace";

    private TracefsRecorder() {
    }

    static Recording record(Machine machine, RecordPlan plan, RecordRequest request,
                            Path kallsyms, Interrupts ctrlC, PrintWriter err) {
        Path t = machine.tracefs();
        String buffer = read(t.resolve("buffer_size_kb"));
        write(t.resolve("tracing_on"), "0");
        write(t.resolve("buffer_size_kb"), Integer.toString(BUFFER_KB));
        write(t.resolve("trace"), "");
        write(t.resolve("set_event"), "");
        for (RecordEvent e : plan.events()) {
            append(t.resolve("set_event"), e.event() + "\n");
        }
        write(t.resolve("options/record-tgid"), "1");
        boolean userStacks = Files.exists(t.resolve(USER_STACKS));
        if (userStacks) {
            write(t.resolve(USER_STACKS), "1");
        }
        Path capture = request.dir().resolve(CAPTURE);
        try {
            write(t.resolve("tracing_on"), "1");
            Recording r = run(request, kallsyms, capture, ctrlC, err);
            write(t.resolve("tracing_on"), "0");
            try (InputStream in = Files.newInputStream(t.resolve("trace"))) {
                Files.copy(in, capture);
            } catch (IOException e) {
                throw new UsageException("cannot keep " + t.resolve("trace") + " as " + capture
                        + ": " + e.getMessage(), e);
            }
            return r;
        } finally {
            restore(t.resolve("tracing_on"), "0");
            restore(t.resolve("set_event"), "");
            restore(t.resolve("trace"), "");
            restore(t.resolve("options/record-tgid"), "0");
            if (userStacks) {
                restore(t.resolve(USER_STACKS), "0");
            }
            restore(t.resolve("buffer_size_kb"), bufferSize(buffer));
        }
    }

    /** Runs the command, or waits on the process, while tracing is on. */
    private static Recording run(RecordRequest request, Path kallsyms, Path capture,
                                 Interrupts ctrlC, PrintWriter err) {
        if (request.pid() != null) {
            ProcessHandle target = ProcessHandle.of(request.pid()).orElseThrow(() ->
                    new UsageException("no process " + request.pid()));
            CompletableFuture<ProcessHandle> end = target.onExit();
            RecordingEnd how = ctrlC.await(end, request.duration(), () -> { });
            return new Recording(capture, kallsyms, request.pid(), how, null);
        }
        ToolRun command = ToolRun.start(request.command(), null, err);
        RecordingEnd how = command.runToItsEnd(ctrlC, request.duration());
        return new Recording(capture, kallsyms, (int) command.pid(), how,
                how == RecordingEnd.ENDED ? command.exit() : null);
    }

    /** buffer_size_kb as read ({@code 7 (expanded: 1408)} before first use) to write back. */
    private static String bufferSize(String read) {
        int expanded = read.indexOf("expanded:");
        String kb = expanded >= 0 ? read.substring(expanded + 9).replace(")", "") : read;
        return kb.strip().isEmpty() ? Integer.toString(BUFFER_KB) : kb.strip();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UsageException("cannot write " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** Puts a setting back as well as it goes: what failed before matters more. */
    private static void restore(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            // tracefs gone (unmounted) while recording: nothing to put back
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UsageException("cannot write " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
