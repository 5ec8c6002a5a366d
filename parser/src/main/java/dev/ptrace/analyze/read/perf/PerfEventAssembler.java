package dev.ptrace.analyze.read.perf;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.OtherEvent;
import dev.ptrace.analyze.event.Sample;
import dev.ptrace.analyze.event.TraceEvent;
import dev.ptrace.analyze.read.LineSource;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.SkipReason;
import dev.ptrace.analyze.read.RawLines;
import dev.ptrace.analyze.read.StackInterner;
import dev.ptrace.analyze.read.TimestampDigits;
import dev.ptrace.analyze.read.TraceFacts;
import dev.ptrace.analyze.read.tracepoint.PayloadException;
import dev.ptrace.analyze.read.tracepoint.TracepointParsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds events from perf script's event lines and the callchain lines after them, for every
 * reader that meets them (perf script text, and bpftrace output of the shipped scripts, which
 * prints the same shape). One event is pending at a time: its event line, then its frame lines
 * as they come; it is sent when {@link #finish()} is called (next event, blank line, end).
 * Tracepoints go to their typed tables ({@link PerfEventNames}); other events are samples,
 * with their period when printed. What perf printed on the event line after a tracepoint's
 * payload or a sample's name without callchain is the sampled address: the event's stack.
 */
public final class PerfEventAssembler {

    private final EventSink sink;
    private final ProblemLog problems;
    private final StackInterner stacks;
    private final TimestampDigits tsDigits = new TimestampDigits();
    private final RawLines frameLines = new RawLines();
    private long seq;

    private PerfHeaderLine pending;
    private long pendingLine;
    /** Line number of the first frame line; the others follow it without a gap. */
    private long firstFrameLine;
    private boolean skippingFrames;
    private long skippingFrom;
    private long skippedFrames;
    private long stacksOnEventLine;
    private long framesWithoutModule;

    /** {@code stacks} is the trace's one interner, shared with whatever else reads stacks. */
    public PerfEventAssembler(EventSink sink, ProblemLog problems, StackInterner stacks) {
        this.sink = sink;
        this.problems = problems;
        this.stacks = stacks;
    }

    /** Starts an event; the caller has finished the one before. */
    public void start(PerfHeaderLine h, long line) {
        pending = h;
        pendingLine = line;
        if (h.timed()) {
            tsDigits.saw(h.tsDigits());
        }
    }

    /** After a malformed event line: its callchain lines are skipped too (counted once). */
    public void skipFramesFrom(long line) {
        skippingFrames = true;
        skippingFrom = line;
    }

    /** Whether a frame line now belongs to an event (pending or skipped). */
    public boolean inEvent() {
        return pending != null || skippingFrames;
    }

    public void frameLine(LineSource in) {
        if (skippingFrames) {
            skippedFrames++;
            return;
        }
        if (pending == null) {
            problems.skip(in.lineNumber(), SkipReason.CALLCHAIN_LINE_WITHOUT_EVENT,
                    "expected an event line before this callchain line", in.text());
            return;
        }
        if (frameLines.isEmpty()) {
            firstFrameLine = in.lineNumber();
        }
        in.copyTo(frameLines);
    }

    /** A frame line given as text (bpftrace's JSON output carries lines inside strings). */
    public void frameLine(String text, long line) {
        if (skippingFrames) {
            skippedFrames++;
            return;
        }
        if (pending == null) {
            problems.skip(line, SkipReason.CALLCHAIN_LINE_WITHOUT_EVENT, "expected an event line before this callchain line",
                    text);
            return;
        }
        if (frameLines.isEmpty()) {
            firstFrameLine = line;
        }
        frameLines.addText(text);
    }

    /** Sends the pending event, if any. */
    public void finish() {
        if (skippingFrames) {
            if (skippedFrames > 0) {
                problems.skip(skippingFrom, SkipReason.CALLCHAIN_OF_SKIPPED_EVENT,
                        "callchain of the malformed event line before it", null, skippedFrames);
            }
            skippingFrames = false;
            skippedFrames = 0;
        }
        if (pending == null) {
            return;
        }
        long stackId = frameLines.isEmpty() ? EventHeader.NO_STACK
                : stacks.intern(frameLines, this::frames);
        PerfHeaderLine h = pending;
        EventHeader header = new EventHeader(seq, pendingLine, h.ts(), h.cpu(), h.pid(), h.tid(),
                h.comm(), h.event(), stackId);
        pending = null;
        frameLines.clear();
        TraceEvent event = toEvent(header, h);
        if (event != null) {
            seq++;
            sink.item(event);
        }
    }

    /**
     * At the end of the input: tells the sink the timestamps' precision and how perf printed
     * the stacks (what folding them as stackcollapse-perf.pl does needs).
     */
    public void end() {
        finish();
        tsDigits.report(sink);
        if (stacksOnEventLine > 0) {
            sink.metadata(TraceFacts.STACKS_ON_EVENT_LINE, Long.toString(stacksOnEventLine));
        }
        if (framesWithoutModule > 0) {
            sink.metadata(TraceFacts.FRAMES_WITHOUT_MODULE, Long.toString(framesWithoutModule));
        }
    }

    private TraceEvent toEvent(EventHeader header, PerfHeaderLine h) {
        boolean noStack = header.stackId() == EventHeader.NO_STACK;
        if (!PerfEventNames.isTracepoint(h.event())) {
            Frame ip = noStack && !h.payload().isEmpty() ? PerfFrameLine.parse(h.payload()) : null;
            return new Sample(ip == null ? header : onEventLine(header, h.payload(), ip),
                    h.period());
        }
        String payload = h.payload();
        PerfFrameLine.OnEventLine split = noStack ? PerfFrameLine.atEnd(payload) : null;
        if (split != null) {
            header = onEventLine(header, split.frameText(), split.frame());
            payload = split.payload();
        }
        if (payload.isEmpty()) {
            // a tracepoint printed without -F trace: its name is all there is
            return new OtherEvent(header, payload, Map.of());
        }
        try {
            return TracepointParsers.parse(header, TracepointParsers.withoutSystem(h.event()),
                    payload);
        } catch (PayloadException e) {
            problems.skip(header.line(), SkipReason.MALFORMED_PAYLOAD, h.event() + ": " + e.getMessage(),
                    h.payload());
            return null;
        }
    }

    /** The event with the one frame printed on its line as its stack. */
    private EventHeader onEventLine(EventHeader header, String text, Frame frame) {
        stacksOnEventLine++;
        return header.withStack(stacks.intern(RawLines.of(text),
                () -> new StackInterner.Parsed(List.of(frame), 0)));
    }

    private StackInterner.Parsed frames() {
        int malformed = 0;
        List<Frame> frames = new ArrayList<>(frameLines.lineCount());
        for (int i = 0; i < frameLines.lineCount(); i++) {
            String line = frameLines.line(i);
            Frame f = PerfFrameLine.parse(line);
            if (f != null && !PerfFrameLine.showsModule(line)) {
                framesWithoutModule++;
            }
            if (f == null) {
                malformed++;
                problems.skip(firstFrameLine + i, SkipReason.MALFORMED_CALLCHAIN_LINE,
                        "expected a callchain line 'ADDRESS SYMBOL+0xOFFSET (MODULE)'", line);
            } else {
                frames.add(f);
            }
        }
        return new StackInterner.Parsed(frames, malformed);
    }
}
