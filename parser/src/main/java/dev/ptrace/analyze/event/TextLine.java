package dev.ptrace.analyze.event;

/**
 * A line of output that is not an event: a capture tool's messages ({@code Attaching 2
 * probes...}, {@code ERROR: ...}) or printed text of no known shape. Kept, so that nothing is
 * dropped silently.
 *
 * @param kind {@code noise}, {@code error}, {@code warning} or {@code output}
 */
public record TextLine(long line, String kind, String text) implements SinkItem {
    @Override
    public void sendTo(EventHandler handler) {
        handler.textLine(this);
    }
}
