package dev.ptrace.analyze.read.tracepoint;

/**
 * The {@code prev_state} of sched_switch as the kernel prints it ({@code __print_flags} over
 * TASK_REPORT in {@code include/trace/events/sched.h}): R, S, D, T, t, X, Z, P, I, joined by
 * {@code |}, and {@code R+} for a task preempted while runnable. Text passes unchanged; a
 * number (what bpftrace's raw tracepoint argument holds) is turned into those letters.
 */
final class TaskState {
    private static final String[] LETTERS = {"S", "D", "T", "t", "X", "Z", "P", "I"};
    /** TASK_REPORT_MAX: the bit the kernel sets for a preempted task. */
    private static final int PREEMPTED = 0x100;

    private TaskState() {
    }

    static String letters(String state) {
        if (state.isEmpty() || !Character.isDigit(state.charAt(0))) {
            return state;
        }
        long value;
        try {
            value = Long.decode(state);
        } catch (NumberFormatException e) {
            throw new PayloadException("expected a task state, found '" + state + "'");
        }
        if ((value & PREEMPTED) != 0) {
            return "R+";
        }
        StringBuilder out = new StringBuilder();
        for (int bit = 0; bit < LETTERS.length; bit++) {
            if ((value & (1L << bit)) != 0) {
                out.append(out.length() == 0 ? "" : "|").append(LETTERS[bit]);
            }
        }
        return out.length() == 0 ? "R" : out.toString();
    }
}
