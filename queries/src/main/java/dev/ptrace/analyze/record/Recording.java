package dev.ptrace.analyze.record;

import java.nio.file.Path;

/**
 * A recording made: the capture and the kernel symbols kept beside it, and how it ended.
 *
 * @param capture  the capture (DIR/perf.data, or DIR/trace.txt from tracefs)
 * @param kallsyms the copy of /proc/kallsyms beside it (DIR/kallsyms), null when this machine's
 *                 shows no addresses
 * @param pid      the process whose threads the report is about, null for all the capture
 *                 holds (perf records only the command or -p PID; tracefs records them all)
 * @param ending   how the recording ended
 * @param exit     the recorded command's exit status when it ended by itself, else null
 */
public record Recording(Path capture, Path kallsyms, Integer pid, RecordingEnd ending,
                        Integer exit) {
    /** One line on how the recording ended, or null when the command ended well. */
    public String endingLine(String command) {
        return switch (ending) {
            case DURATION -> "stopped " + command + " after --duration";
            case INTERRUPTED -> "recording of " + command + " interrupted (Ctrl-C)";
            case ENDED -> exit != null && exit != 0 ? command + " exited with " + exit : null;
        };
    }
}
