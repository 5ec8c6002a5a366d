package dev.ptrace.analyze.record;

import dev.ptrace.analyze.query.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a recording needs of the machine, checked before anything runs, each missing piece one
 * line that says what to do: perf (else tracefs, with user stacks where it has them), root or
 * a perf_event_paranoid that lets a user record tracepoints, tracefs mounted, and each event
 * on this kernel (a required one missing is an error naming it; an optional one is left out
 * with a warning).
 */
public final class RecordCheck {
    /** The perf_event_paranoid level at which a user may record tracepoints. */
    static final int TRACEPOINTS_PARANOID = -1;

    private RecordCheck() {
    }

    /** The plan for recording {@code events} on {@code machine}. */
    public static RecordPlan check(Machine machine, List<RecordEvent> events) {
        Path perf = machine.executable("perf");
        List<String> warnings = new ArrayList<>();
        if (!isRoot(machine)) {
            if (perf == null) {
                throw new UsageException("recording through tracefs (no perf on the PATH) "
                        + "needs root: run as root, or install perf (Debian: apt-get install "
                        + "linux-perf)");
            }
            int paranoid = paranoid(machine);
            if (paranoid > TRACEPOINTS_PARANOID) {
                throw new UsageException("recording tracepoints as a user needs "
                        + "kernel.perf_event_paranoid=" + TRACEPOINTS_PARANOID + " (it is "
                        + paranoid + "): run as root, or sysctl kernel.perf_event_paranoid="
                        + TRACEPOINTS_PARANOID);
            }
        }
        Path tracefs = machine.tracefs();
        if (!Files.isDirectory(tracefs.resolve("events"))) {
            throw new UsageException("tracefs is not mounted (no " + tracefs.resolve("events")
                    + "): mount -t tracefs nodev /sys/kernel/tracing");
        }
        List<RecordEvent> kept = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (RecordEvent e : events) {
            if (!e.tracepoint()) {
                if (perf != null) {
                    kept.add(e);
                } else {
                    warnings.add(e.event() + " needs perf, which is not on the PATH: left out ("
                            + e.why() + "; Debian: apt-get install linux-perf)");
                }
            } else if (Files.isDirectory(tracefs.resolve("events").resolve(e.tracefsPath()))) {
                kept.add(e);
            } else if (e.required()) {
                missing.add(e.event());
            } else {
                warnings.add("this kernel has no tracepoint " + e.event() + ": left out ("
                        + e.why() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException("this kernel has no tracepoint " + String.join(", ",
                    missing) + " (not in " + tracefs.resolve("events") + "; lock:contention_* "
                    + "came with Linux 5.19): the analysis cannot do without "
                    + (missing.size() == 1 ? "it" : "them"));
        }
        if (perf == null) {
            String stacks = Files.exists(tracefs.resolve(TracefsRecorder.USER_STACKS))
                    ? ", without kernel callchains and with user stacks as bare addresses"
                    : " and without callchains";
            warnings.add("perf is not on the PATH: recording through tracefs, system-wide"
                    + stacks + " (Debian: apt-get install linux-perf)");
        }
        return new RecordPlan(perf, kept, warnings);
    }

    /** Whether this process's effective user is root (/proc/self/status, Uid's second id). */
    private static boolean isRoot(Machine machine) {
        Path status = machine.proc("self/status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot tell who runs this (" + status + ": "
                    + e.getMessage() + ")", e);
        }
        throw new UsageException("cannot tell who runs this (no Uid line in " + status + ")");
    }

    private static int paranoid(Machine machine) {
        Path file = machine.proc("sys/kernel/perf_event_paranoid");
        try {
            return Integer.parseInt(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            throw new UsageException("recording tracepoints as a user needs "
                    + "kernel.perf_event_paranoid=" + TRACEPOINTS_PARANOID + ", and " + file
                    + " cannot be read: run as root", e);
        }
    }
}
