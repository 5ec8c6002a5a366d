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

    private TraceFacts() {
    }
}
