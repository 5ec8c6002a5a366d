package dev.ptrace.analyze.event;

/** Anything a reader hands to a sink; it knows which handler method takes it. */
public interface SinkItem {
    void sendTo(EventHandler handler);
}
