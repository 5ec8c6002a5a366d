package dev.ptrace.analyze.read.perf;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.OtherEvent;
import dev.ptrace.analyze.event.Sample;
import dev.ptrace.analyze.event.TraceEvent;
import dev.ptrace.analyze.read.LineSource;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.RawLines;
import dev.ptrace.analyze.read.StackInterner;
import dev.ptrace.analyze.read.TimestampDigits;
import dev.ptrace.analyze.read.TraceReader;
import dev.ptrace.analyze.read.tracepoint.PayloadException;
import dev.ptrace.analyze.read.tracepoint.TracepointParsers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code perf script} text: an optional {@code --header} block, then events, each a
 * {@link PerfHeaderLine} followed by its callchain ({@link PerfFrameLine}s, leaf first) and a
 * blank line. Tracepoints go to their typed tables; events with a period are samples.
 *
 * <p>One event is pending at a time: its header line, then its frame lines as they come; it is
 * sent when the next event, a blank line or the end of input closes it.
 */
public final class PerfScriptReader implements TraceReader {
    static final String BAD_HEADER = "malformed_event_line";
    static final String BAD_FRAME = "malformed_callchain_line";
    static final String ORPHAN_FRAME = "callchain_line_without_event";
    static final String BAD_PAYLOAD = "malformed_payload";
    static final String SKIPPED_EVENT_FRAME = "callchain_of_skipped_event";
    private static final String EXPECTED_HEADER = "expected a perf script event line "
            + "'COMM TID [CPU] SECS.USECS: [PERIOD] EVENT: PAYLOAD'";

    private EventSink sink;
    private ProblemLog problems;
    private StackInterner stacks;
    private long seq;

    private PerfHeaderLine pending;
    private long pendingLine;
    private final RawLines frameLines = new RawLines();
    /** Line number of the first frame line; the others follow it without a gap. */
    private long firstFrameLine;
    private boolean skippingFrames;
    private long skippingFrom;
    private long skippedFrames;
    private final TimestampDigits tsDigits = new TimestampDigits();

    @Override
    public void read(LineSource in, EventSink sink, ProblemLog problems) {
        this.sink = sink;
        this.problems = problems;
        this.stacks = new StackInterner(sink);
        Map<String, String> header = new LinkedHashMap<>();
        boolean inHeaderBlock = true;
        while (in.advance()) {
            int first = in.length() == 0 ? -1 : in.byteAt(0);
            if (first == '#') {
                if (inHeaderBlock) {
                    PerfHeaderBlock.read(in.text(), header);
                }
                continue;
            }
            if (inHeaderBlock) {
                header.forEach(sink::metadata);
                inHeaderBlock = false;
            }
            if (first == '\t') {
                frameLine(in);
            } else if (first == -1 || ((first == ' ' || first == '\r') && in.text().isBlank())) {
                finishEvent();
            } else if (first == ' ' && pendingOrSkipping() && looksLikeFrame(in.text())) {
                frameLine(in);
            } else {
                finishEvent();
                headerLine(in.text(), in.lineNumber());
            }
        }
        if (inHeaderBlock) {
            header.forEach(sink::metadata);
        }
        finishEvent();
        tsDigits.report(sink);
    }

    private boolean pendingOrSkipping() {
        return pending != null || skippingFrames;
    }

    private static boolean looksLikeFrame(String line) {
        return PerfFrameLine.parse(line) != null;
    }

    private void headerLine(String line, long number) {
        PerfHeaderLine h = PerfHeaderLine.parse(line);
        if (h == null) {
            problems.skip(number, BAD_HEADER, EXPECTED_HEADER, line);
            skippingFrames = true;
            skippingFrom = number + 1;
            return;
        }
        pending = h;
        pendingLine = number;
        tsDigits.saw(h.tsDigits());
    }

    private void frameLine(LineSource in) {
        if (skippingFrames) {
            skippedFrames++;
            return;
        }
        if (pending == null) {
            problems.skip(in.lineNumber(), ORPHAN_FRAME,
                    "expected an event line before this callchain line", in.text());
            return;
        }
        if (frameLines.isEmpty()) {
            firstFrameLine = in.lineNumber();
        }
        in.copyTo(frameLines);
    }

    private void finishEvent() {
        if (skippingFrames) {
            if (skippedFrames > 0) {
                problems.skip(skippingFrom, SKIPPED_EVENT_FRAME,
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
            event.sendTo(sink);
        }
    }

    private TraceEvent toEvent(EventHeader header, PerfHeaderLine h) {
        if (h.period() >= 0) {
            EventHeader withIp = header;
            if (header.stackId() == EventHeader.NO_STACK && !h.payload().isEmpty()) {
                Frame ip = PerfFrameLine.parse(h.payload());
                if (ip != null) {
                    withIp = header.withStack(stacks.intern(RawLines.of(h.payload()),
                            () -> new StackInterner.Parsed(List.of(ip), 0)));
                }
            }
            return new Sample(withIp, h.period());
        }
        if (h.event().indexOf(':') < 0) {
            return new OtherEvent(header, h.payload(), Map.of());
        }
        try {
            return TracepointParsers.parse(header, TracepointParsers.withoutSystem(h.event()),
                    h.payload());
        } catch (PayloadException e) {
            problems.skip(header.line(), BAD_PAYLOAD, h.event() + ": " + e.getMessage(),
                    h.payload());
            return null;
        }
    }

    private StackInterner.Parsed frames() {
        int malformed = 0;
        List<Frame> frames = new ArrayList<>(frameLines.lineCount());
        for (int i = 0; i < frameLines.lineCount(); i++) {
            String line = frameLines.line(i);
            Frame f = PerfFrameLine.parse(line);
            if (f == null) {
                malformed++;
                problems.skip(firstFrameLine + i, BAD_FRAME,
                        "expected a callchain line 'ADDRESS SYMBOL+0xOFFSET (MODULE)'", line);
            } else {
                frames.add(f);
            }
        }
        return new StackInterner.Parsed(frames, malformed);
    }
}
