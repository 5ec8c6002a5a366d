package dev.ptrace.analyze.read;

import dev.ptrace.analyze.event.EventSink;

/** Keeps the fewest decimals seen in a trace's timestamps: the trace's precision. */
public final class TimestampDigits {
    private int fewest = Integer.MAX_VALUE;

    public void saw(int digits) {
        fewest = Math.min(fewest, digits);
    }

    /** Tells the sink, when any timestamp was seen. */
    public void report(EventSink sink) {
        if (fewest != Integer.MAX_VALUE) {
            sink.metadata(TraceFacts.TIMESTAMP_DIGITS, Integer.toString(fewest));
        }
    }
}
