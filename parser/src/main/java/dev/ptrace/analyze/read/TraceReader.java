package dev.ptrace.analyze.read;

import dev.ptrace.analyze.event.EventSink;

/** Reads one trace format from its lines into a sink, in input order, streaming. */
public interface TraceReader {
    void read(LineSource in, EventSink sink, ProblemLog problems);
}
