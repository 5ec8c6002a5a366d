package dev.ptrace.analyze.analysis.threads;

/** The states a thread's life is cut into (thread_states.state). */
public final class ThreadState {
    public static final String RUNNING = "running";
    public static final String PREEMPTED = "preempted";
    public static final String RUNNABLE = "runnable";
    public static final String SLEEPING = "sleeping";
    public static final String BLOCKED = "blocked";
    public static final String OTHER = "other";

    private ThreadState() {
    }

    /** The state a thread switched out in prev_state is in: R preempted, S sleeping, ... */
    public static String ofSwitchedOut(String prevState) {
        if (prevState == null || prevState.isEmpty()) {
            return OTHER;
        }
        return switch (prevState.charAt(0)) {
            case 'R' -> PREEMPTED;
            case 'S', 'I' -> SLEEPING;
            case 'D' -> BLOCKED;
            default -> OTHER;
        };
    }
}
