package dev.ptrace.analyze.analysis.causes;

/**
 * What a thread was doing, and how that is known.
 *
 * @param cause    zeroing, unmap, madvise, page fault, ... (causes.tsv); null when unknown
 * @param evidence 'stack' (a frame of the stack), 'syscall' (the syscall in progress: the
 *                 trace has no stack), 'tracepoint', or 'none'
 * @param matched  the function, syscall or tracepoint that decided it
 */
public record Cause(String cause, String evidence, String matched) {
    public static final Cause UNKNOWN = new Cause(null, "none", null);
}
