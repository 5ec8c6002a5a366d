package dev.ptrace.analyze.record;

import dev.ptrace.analyze.query.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code ptrace-analyze record}: records what the analysis needs (record-events.tsv) with perf,
 * or through tracefs where perf is missing, into a folder that keeps the capture and a copy of
 * the kernel's symbols beside it, so that it can be read again here or on another machine.
 * The machine is checked first (RecordCheck); what it says goes to standard error.
 */
public final class TraceRecorder {
    static final String KALLSYMS = "kallsyms";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern(
            "yyyyMMdd-HHmmss");

    private TraceRecorder() {
    }

    /** The folder a recording goes to when none is given: ./ptrace-analyze-record-STAMP. */
    public static Path defaultDir(LocalDateTime now) {
        return Path.of("ptrace-analyze-record-" + STAMP.format(now));
    }

    /** Records as {@code request} asks on {@code machine}; says on {@code err} what it does. */
    public static Recording record(RecordRequest request, Machine machine, PrintWriter err) {
        RecordPlan plan = RecordCheck.check(machine, RecordEvent.shipped());
        plan.warnings().forEach(w -> err.println("warning: " + w));
        Path dir = request.dir();
        prepare(dir);
        Path kallsyms = keepKallsyms(machine, dir, err);
        String what = request.pid() != null ? "process " + request.pid()
                : String.join(" ", request.command());
        err.printf("ptrace-analyze: recording %s %s into %s%n", what, plan.perf() != null
                ? "with perf" : "through tracefs", dir);
        err.flush();
        Recording r;
        try (Interrupts ctrlC = Interrupts.caught()) {
            r = plan.perf() != null ? PerfRecorder.record(plan, request, kallsyms, ctrlC, err)
                    : TracefsRecorder.record(machine, plan, request, kallsyms, ctrlC, err);
        }
        String ending = r.endingLine(what);
        if (ending != null) {
            err.println("ptrace-analyze: " + ending + "; the report shows what was recorded");
        }
        err.printf("ptrace-analyze: the capture is %s; read it again (here or elsewhere) with: "
                + "ptrace-analyze %s%s%s%n", r.capture(), r.capture(), r.kallsyms() == null ? ""
                : " --kallsyms " + r.kallsyms(), r.pid() == null ? "" : " --pid " + r.pid());
        err.flush();
        return r;
    }

    /** The folder, made if missing; one that holds a recording already is not written over. */
    private static void prepare(Path dir) {
        for (String capture : List.of(PerfRecorder.CAPTURE, TracefsRecorder.CAPTURE)) {
            if (Files.exists(dir.resolve(capture))) {
                throw new UsageException(dir + " holds a recording already (" + capture
                        + "): give another folder with -o DIR");
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("cannot make the folder " + dir + " (" + e.getClass()
                    .getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /**
     * A copy of /proc/kallsyms as DIR/kallsyms (it names kernel frames and global locks when
     * the capture is read after a reboot or elsewhere); null, with a warning, when this
     * machine shows no addresses (kptr_restrict) and the copy would name nothing.
     */
    private static Path keepKallsyms(Machine machine, Path dir, PrintWriter err) {
        Path copy = dir.resolve(KALLSYMS);
        try (InputStream in = Files.newInputStream(machine.proc("kallsyms"))) {
            Files.copy(in, copy);
            if (hasAddresses(copy)) {
                return copy;
            }
            Files.delete(copy);
            err.println("warning: " + machine.proc("kallsyms") + " shows no addresses (run as "
                    + "root): no copy kept, kernel frames are named only where the capture is "
                    + "read on this boot");
        } catch (IOException e) {
            err.println("warning: cannot keep a copy of " + machine.proc("kallsyms") + " ("
                    + e.getMessage() + "): kernel frames are named only where the capture is "
                    + "read on this boot");
        }
        return null;
    }

    private static boolean hasAddresses(Path kallsyms) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(kallsyms, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && !first.substring(0, Math.max(0, first.indexOf(' ')))
                    .matches("0*");
        }
    }
}
