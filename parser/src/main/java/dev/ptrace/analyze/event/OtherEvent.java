package dev.ptrace.analyze.event;

import java.util.Map;

/** Any event without a typed table: its payload kept verbatim and its {@code key=value} pairs. */
public record OtherEvent(EventHeader header, String payload, Map<String, String> args)
        implements TraceEvent {
    @Override
    public void sendTo(EventHandler handler) {
        handler.other(this);
    }
}
