package dev.ptrace.analyze.read.perfdata;

/** A perf.data file that does not have the layout perf writes, at a byte offset. */
final class PerfDataException extends RuntimeException {
    private final long offset;

    PerfDataException(long offset, String expected) {
        super("expected " + expected);
        this.offset = offset;
    }

    long offset() {
        return offset;
    }
}
