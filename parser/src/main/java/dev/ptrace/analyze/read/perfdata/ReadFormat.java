package dev.ptrace.analyze.read.perfdata;

/**
 * The PERF_FORMAT_* bits of {@code perf_event_attr.read_format}, in bit order: what a READ
 * value holds.
 */
enum ReadFormat {
    TOTAL_TIME_ENABLED,
    TOTAL_TIME_RUNNING,
    ID,
    GROUP,
    LOST;

    /** Its bit in read_format. */
    final long bit = 1L << ordinal();
}
