package dev.ptrace.analyze.read.bpftrace;

import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.read.LineSource;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.TraceFacts;
import dev.ptrace.analyze.read.TraceReader;

/** Reads bpftrace's text output, line by line (see {@link BpftraceText}). */
public final class BpftraceReader implements TraceReader {
    @Override
    public void read(LineSource in, EventSink sink, ProblemLog problems) {
        BpftraceText text = new BpftraceText(sink, problems);
        while (in.advance()) {
            try {
                text.line(in.text(), in.lineNumber());
            } catch (NumberFormatException e) {
                problems.numberTooLarge(in.lineNumber(), in.text());
            }
        }
        text.end();
        sink.metadata(TraceFacts.LOST_EVENTS, Long.toString(text.lostEvents()));
    }
}
