package dev.ptrace.analyze.read.tracedat;

import dev.ptrace.analyze.read.SkipReason;

/**
 * A trace.dat that does not have the layout trace-cmd writes, at a byte offset, and the reason
 * the data it spoils is counted under when the read goes on past it.
 */
final class TraceDatException extends RuntimeException {
    private final long offset;
    private final SkipReason reason;

    TraceDatException(long offset, String expected) {
        this(offset, SkipReason.MALFORMED_RECORD, expected);
    }

    TraceDatException(long offset, SkipReason reason, String expected) {
        super("expected " + expected);
        this.offset = offset;
        this.reason = reason;
    }

    long offset() {
        return offset;
    }

    SkipReason reason() {
        return reason;
    }
}
