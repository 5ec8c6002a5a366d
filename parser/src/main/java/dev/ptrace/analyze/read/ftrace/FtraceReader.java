package dev.ptrace.analyze.read.ftrace;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.OtherEvent;
import dev.ptrace.analyze.event.TraceEvent;
import dev.ptrace.analyze.read.LineSource;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.SkipReason;
import dev.ptrace.analyze.read.RawLines;
import dev.ptrace.analyze.read.StackInterner;
import dev.ptrace.analyze.read.TimestampDigits;
import dev.ptrace.analyze.read.TraceFacts;
import dev.ptrace.analyze.read.TraceReader;
import dev.ptrace.analyze.read.tracepoint.FtraceSyscallParser;
import dev.ptrace.analyze.read.tracepoint.KeyValues;
import dev.ptrace.analyze.read.tracepoint.PayloadException;
import dev.ptrace.analyze.read.tracepoint.TracepointParsers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads tracefs text ({@code trace}, {@code trace_pipe}) and {@code trace-cmd report} output:
 * the {@code #} header (tracer, entries-in-buffer/entries-written, CPUs), event lines
 * ({@link FtraceLine}) and {@code <stack trace>} blocks.
 *
 * <p>The kernel writes an event's stack trace as an entry of its own right after the event on
 * the same CPU; in the merged text other CPUs' events can come between them. So each CPU keeps
 * its latest event pending until the next event of that CPU: a {@code <stack trace>} on that
 * CPU attaches its {@code  => } frames to it. Events keep their input order in {@code seq}.
 */
public final class FtraceReader implements TraceReader {
    private static final String EXPECTED = "expected an ftrace event line "
            + "'COMM-TID [(TGID)] [CPU] [FLAGS] SECS.USECS: EVENT: PAYLOAD'";
    private static final Pattern ENTRIES = Pattern.compile(
            "entries-in-buffer/entries-written: (\\d+)/(\\d+)\\s+#P:(\\d+)");
    /**
     * Events the ring buffer lost: tracefs's {@code CPU:1 [LOST 7 EVENTS]}, trace-cmd's
     * {@code CPU:1 [1239 EVENTS DROPPED]} and, when the kernel did not store the count,
     * {@code CPU:1 [EVENTS DROPPED]}.
     */
    private static final Pattern LOST = Pattern.compile(
            "^CPU:?\\s*\\d+ \\[(?:LOST (\\d+) EVENTS|(\\d+) EVENTS DROPPED|EVENTS DROPPED)\\]$");
    /** trace-cmd prints a stack trace as an event of its own: {@code kernel_stack: <stack trace >}. */
    private static final Pattern TRACE_CMD_STACK =
            Pattern.compile("^kernel_stack:\\s+<stack trace ?>$");
    private static final Pattern INFO = Pattern.compile(
            "^(#{5} CPU \\d+ buffer started #{4}|CPU \\d+ is empty|cpus=\\d+|version = .*)$");

    /** An event waiting for a possible stack trace on its CPU. */
    private static final class Pending {
        final long seq;
        final long line;
        final FtraceLine event;
        RawLines frames;
        long firstFrameLine;

        Pending(long seq, long line, FtraceLine event) {
            this.seq = seq;
            this.line = line;
            this.event = event;
        }
    }

    private EventSink sink;
    private ProblemLog problems;
    private StackInterner stacks;
    private final Map<Integer, Pending> pendingByCpu = new HashMap<>();
    private final TimestampDigits tsDigits = new TimestampDigits();
    private Pending stackTarget;
    private long lost;
    private boolean lostKnown;
    private long seq;

    @Override
    public void read(LineSource in, EventSink sink, ProblemLog problems) {
        this.sink = sink;
        this.problems = problems;
        this.stacks = new StackInterner(sink);
        while (in.advance()) {
            try {
                line(in);
            } catch (NumberFormatException e) {
                problems.numberTooLarge(in.lineNumber(), in.text());
            }
        }
        List<Pending> rest = new ArrayList<>(pendingByCpu.values());
        rest.sort(Comparator.comparingLong(p -> p.seq));
        rest.forEach(this::send);
        tsDigits.report(sink);
        if (lostKnown) {
            sink.metadata(TraceFacts.LOST_EVENTS, Long.toString(lost));
        }
    }

    private void line(LineSource in) {
        int first = in.length() == 0 ? -1 : in.byteAt(0);
        if (first == '#') {
            header(in.text());
        } else if ((first == ' ' || first == '=') && FtraceStackLine.isFrame(in.text())) {
            frame(in);
        } else if (first == -1 || in.text().isBlank()) {
            stackTarget = null;
        } else {
            stackTarget = null;
            line(in.text(), in.lineNumber());
        }
    }

    private void header(String text) {
        Matcher m = ENTRIES.matcher(text);
        if (m.find()) {
            sink.metadata("entries-in-buffer", m.group(1));
            sink.metadata("entries-written", m.group(2));
            sink.metadata(TraceFacts.NRCPUS, m.group(3));
            lost += Long.parseLong(m.group(2)) - Long.parseLong(m.group(1));
            lostKnown = true;
        } else if (text.startsWith("# tracer: ")) {
            sink.metadata("tracer", text.substring("# tracer: ".length()).strip());
        }
    }

    private void line(String text, long number) {
        FtraceLine l = FtraceLine.parse(text);
        if (l == null) {
            special(text, number);
            return;
        }
        tsDigits.saw(l.tsDigits());
        String body = l.body();
        if (TRACE_CMD_STACK.matcher(body).matches()) {
            body = "<stack trace>";
        }
        if (body.equals("<stack trace>") || body.equals(StackTraceFrames.USER_MARK)) {
            Pending target = pendingByCpu.get(l.cpu());
            if (target == null) {
                problems.skip(number, SkipReason.STACK_TRACE_WITHOUT_EVENT, "expected an event before this stack trace "
                        + "on CPU " + l.cpu(), text);
                return;
            }
            stackTarget = target;
            if (target.frames == null) {
                target.frames = new RawLines();
                target.firstFrameLine = number + 1;
            }
            if (body.equals(StackTraceFrames.USER_MARK)) {
                target.frames.addText(StackTraceFrames.USER_MARK);
            }
            return;
        }
        Pending previous = pendingByCpu.put(l.cpu(), new Pending(seq++, number, l));
        if (previous != null) {
            send(previous);
        }
    }

    /** Lines that are not events: trace-cmd's preamble, buffer notes, lost-event counts. */
    private void special(String text, long number) {
        String t = text.strip();
        Matcher lostLine = LOST.matcher(t);
        if (lostLine.matches()) {
            String count = lostLine.group(1) != null ? lostLine.group(1) : lostLine.group(2);
            lost += count == null ? 0 : Long.parseLong(count);
            lostKnown = true;
        } else if (INFO.matcher(t).matches()) {
            if (t.startsWith("cpus=")) {
                sink.metadata(TraceFacts.NRCPUS, t.substring(5));
            } else if (t.startsWith("version = ")) {
                sink.metadata("trace-cmd version", t.substring(10));
            }
        } else {
            problems.skip(number, SkipReason.MALFORMED_EVENT_LINE, EXPECTED, text);
        }
    }

    private void frame(LineSource in) {
        if (stackTarget == null) {
            problems.skip(in.lineNumber(), SkipReason.STACK_LINE_WITHOUT_STACK_TRACE,
                    "expected a <stack trace> line before this frame", in.text());
            return;
        }
        in.copyTo(stackTarget.frames);
    }

    private void send(Pending p) {
        FtraceLine l = p.event;
        long stackId = p.frames == null || p.frames.isEmpty() ? EventHeader.NO_STACK
                : stacks.intern(p.frames, () -> frames(p));
        String body = l.body();
        boolean syscall = FtraceSyscallParser.matches(body);
        int colon = body.indexOf(": ");
        String name;
        String payload;
        if (syscall) {
            name = FtraceSyscallParser.tracepoint(body);
            payload = body;
        } else if (colon > 0 && body.indexOf(' ') > colon) {
            name = body.substring(0, colon);
            payload = body.substring(colon + 2).strip();
        } else if (body.endsWith(":")) {
            name = body.substring(0, body.length() - 1);
            payload = "";
        } else {
            int space = body.indexOf(' ');
            name = space < 0 ? body : body.substring(0, space);
            payload = space < 0 ? "" : body.substring(space + 1).strip();
        }
        EventHeader h = new EventHeader(p.seq, p.line, l.ts(), l.cpu(), l.tgid(), l.tid(),
                l.comm(), name, stackId);
        TraceEvent event;
        try {
            if (syscall) {
                event = FtraceSyscallParser.parse(h, body);
            } else if (colon > 0 || body.endsWith(":")) {
                event = TracepointParsers.parse(h, name, payload);
            } else {
                event = new OtherEvent(h, payload, KeyValues.parse(payload));
            }
        } catch (PayloadException e) {
            problems.skip(p.line, SkipReason.MALFORMED_PAYLOAD, name + ": " + e.getMessage(), body);
            return;
        }
        sink.item(event);
    }

    /** Frames of a new stack, the tracing machinery's own frames on top left out. */
    private StackInterner.Parsed frames(Pending p) {
        return StackTraceFrames.parse(p.frames, (i, line) -> problems.skip(p.firstFrameLine + i,
                SkipReason.MALFORMED_STACK_LINE,
                "expected a stack trace line ' => FUNCTION[+0xOFF/0xSIZE]'", line));
    }
}
