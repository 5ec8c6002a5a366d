package dev.ptrace.analyze.read.tracepoint;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.TraceEvent;

/** Turns the payload text of one tracepoint into its typed event. */
@FunctionalInterface
public interface PayloadParser {
    /** @throws PayloadException when the payload does not have the event's shape */
    TraceEvent parse(EventHeader header, String payload);
}
