package dev.ptrace.analyze.record;

import java.nio.file.Path;
import java.util.List;

/**
 * How a recording is made on this machine: with perf (its path) or, where perf is missing,
 * through tracefs (perf null); the events this kernel has; what is left out, as warnings.
 */
public record RecordPlan(Path perf, List<RecordEvent> events, List<String> warnings) {
    public RecordPlan {
        events = List.copyOf(events);
        warnings = List.copyOf(warnings);
    }
}
