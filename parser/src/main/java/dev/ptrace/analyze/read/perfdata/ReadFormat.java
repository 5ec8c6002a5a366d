package dev.ptrace.analyze.read.perfdata;

/** The PERF_FORMAT_* bits of {@code perf_event_attr.read_format}: what a READ value holds. */
final class ReadFormat {
    static final long TOTAL_TIME_ENABLED = 1L;
    static final long TOTAL_TIME_RUNNING = 1L << 1;
    static final long ID = 1L << 2;
    static final long GROUP = 1L << 3;
    static final long LOST = 1L << 4;

    private ReadFormat() {
    }
}
