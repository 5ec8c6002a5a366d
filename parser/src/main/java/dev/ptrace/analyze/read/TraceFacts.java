package dev.ptrace.analyze.read;

/**
 * Metadata keys every reader uses for the facts the traces table has columns for; perf's
 * header spells them this way, other readers map their own headers onto them.
 */
public final class TraceFacts {
    public static final String OS_RELEASE = "os release";
    public static final String HOSTNAME = "hostname";
    public static final String NRCPUS = "nrcpus online";
    public static final String CMDLINE = "cmdline";
    /** Fewest decimals any timestamp had: 6 for microseconds. */
    public static final String TIMESTAMP_DIGITS = "timestamp digits";
    /** Events the capture tool says it lost (ring buffer overwritten, perf/bpftrace drops). */
    public static final String LOST_EVENTS = "lost events";
    /** Records of a binary capture by type, as perf report -D names them. */
    public static final String RECORDS = "records";
    /** Records of types that tell the tool nothing, by type. */
    public static final String RECORDS_NOT_DECODED = "records not decoded";
    /** Records handed on after a later one (perf's "out of order event"). */
    public static final String EVENTS_OUT_OF_ORDER = "events out of order";
    /** Mapped files whose frames could not be named, and why. */
    public static final String UNNAMED_FRAMES = "frames not named";
    /** Which kernel symbols named the kernel frames, or why none did. */
    public static final String KERNEL_SYMBOLS = "kernel symbols";
    /**
     * perf script events whose stack is the address printed on their event line (no
     * callchain lines: {@code -G}, or a capture without {@code -g}), how many.
     */
    public static final String STACKS_ON_EVENT_LINE = "stacks on the event line";
    /**
     * perf script callchain lines printed without their module (no {@code -F dso}), how many
     * among the lines of the distinct stacks.
     */
    public static final String FRAMES_WITHOUT_MODULE = "frames without module";
    /** Event format files that could not be read (their events are not decoded). */
    public static final String UNREADABLE_FORMATS = "unreadable event formats";

    private TraceFacts() {
    }
}
