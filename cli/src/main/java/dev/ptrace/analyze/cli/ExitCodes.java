package dev.ptrace.analyze.cli;

/** The documented exit codes (README, docs/robustness.md, --help). */
final class ExitCodes {
    static final int OK = 0;
    static final int CHECK_FAILED = 1;
    static final int USAGE_OR_INPUT = 2;
    static final int INTERNAL = 3;
    /** Interrupted (SIGINT, SIGTERM): 128 + 2, as shells report Ctrl-C. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
