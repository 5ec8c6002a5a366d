package dev.ptrace.analyze.record;

import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.read.InputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records with perf: {@code perf record -g -e EVENT... -c PERIOD -o DIR/perf.data} of a command
 * from its start ({@code -- COMMAND...}) or of a running process ({@code -p PID}). --duration
 * and Ctrl-C stop perf as its own Ctrl-C does (it writes the file, ends the command, exits).
 */
final class PerfRecorder {
    /** CPU time between two on-CPU samples (cpu-clock), in ns: 4,000 a CPU-second. */
    static final long CPU_CLOCK_PERIOD = 250_000;
    /** perf record's last line once it wrote the file (without -q). */
    static final String CAPTURED = "[ perf record: Captured and wrote";
    static final String CAPTURE = "perf.data";

    private PerfRecorder() {
    }

    /** The command line that records {@code events} as {@code request} asks. */
    static List<String> command(Path perf, List<RecordEvent> events, RecordRequest request) {
        List<String> cmd = new ArrayList<>(List.of(perf.toString(), "record", "-g"));
        boolean sampled = false;
        for (RecordEvent e : events) {
            cmd.addAll(List.of("-e", e.event()));
            sampled |= !e.tracepoint();
        }
        if (sampled) { // every tracepoint hit is still recorded: perf samples them with period
            cmd.addAll(List.of("-c", Long.toString(CPU_CLOCK_PERIOD)));
        }
        cmd.addAll(List.of("-o", request.dir().resolve(CAPTURE).toString()));
        if (request.pid() != null) {
            cmd.addAll(List.of("-p", request.pid().toString()));
        } else {
            cmd.add("--");
            cmd.addAll(request.command());
        }
        return cmd;
    }

    /** Records into the request's folder; perf's own output goes to {@code err}. */
    static Recording record(RecordPlan plan, RecordRequest request, Path kallsyms,
                            Interrupts ctrlC, PrintWriter err) {
        Path capture = request.dir().resolve(CAPTURE);
        ToolRun perf = ToolRun.start(command(plan.perf(), plan.events(), request), CAPTURED,
                err);
        RecordingEnd how = perf.runToItsEnd(ctrlC, request.duration());
        int exit = perf.exit();
        if (!perf.printedMarker() || !Files.isRegularFile(capture)) {
            String why = perf.firstLineNot("[ perf record:");
            throw new InputException(capture.toString(), 0, "perf record failed (exit " + exit
                    + ")" + (why == null ? "" : ": " + why));
        }
        Integer commandExit = how == RecordingEnd.ENDED && request.pid() == null ? exit : null;
        return new Recording(capture, kallsyms, null, how, commandExit);
    }
}
