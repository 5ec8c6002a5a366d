package dev.ptrace.analyze.event;

/** Anything a reader hands to a sink; it knows which sink method takes it. */
public interface SinkItem {
    void sendTo(EventSink sink);
}
