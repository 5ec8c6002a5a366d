package dev.ptrace.analyze.record;

/** How a recording ended. */
public enum RecordingEnd {
    /** The command (or the process recorded) ended by itself. */
    ENDED,
    /** --duration passed. */
    DURATION,
    /** Ctrl-C (SIGINT). */
    INTERRUPTED
}
