package dev.ptrace.analyze.read;

import dev.ptrace.analyze.event.EventSink;

/** Reads one binary capture format into a sink, in time order, streaming. */
public interface BinaryTraceReader {
    /** Reads the capture; returns the records read. */
    long read(BinaryInput in, EventSink sink, ProblemLog problems);
}
