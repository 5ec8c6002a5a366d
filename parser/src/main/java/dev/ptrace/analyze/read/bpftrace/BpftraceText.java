package dev.ptrace.analyze.read.bpftrace;

import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.HistogramBucket;
import dev.ptrace.analyze.event.MapEntry;
import dev.ptrace.analyze.event.TextLine;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.RawLines;
import dev.ptrace.analyze.read.StackInterner;
import dev.ptrace.analyze.read.perf.PerfEventAssembler;
import dev.ptrace.analyze.read.perf.PerfHeaderLine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines bpftrace prints, one at a time, as a small state machine:
 * <pre>
 * Attaching 2 probes...                                 noise (ERROR:, WARNING: likewise)
 * wl 23079/23080 [001] 9982.766416048: lock:contention_begin: 0xffff... (flags=0x1)
 * 	ffffffff8226f2fe __pv_queued_spin_lock_slowpath+347  event in perf script's shape, frames
 * 9982766416048 23079 23080 wl lock=0xffff888117dc2498  any other printf line: output
 * @by_flags[1]: 420                                     map entry
 * @mmap_us[wl]: count 338, average 10129, total 3423755  stats entry
 * @by_stack[                                            stack key, frame lines, ]: value
 * @wait_ns:                                             histogram, bucket lines follow
 * [512, 1K)             29 |@@@@@@@@                |
 * Lost 12 events                                        lost events
 * </pre>
 */
final class BpftraceText {
    private enum State { NORMAL, STACK_KEY, HISTOGRAM }

    private static final Pattern STATS =
            Pattern.compile("^count (-?\\d+), average (-?\\d+), total (-?\\d+)$");
    private static final Pattern BUCKET = Pattern.compile(
            "^[\\[(]\\s*([^,]+), ([^\\])]+)[\\])]\\s+(\\d+)\\s*\\|.*$");
    private static final Pattern NUMBER = Pattern.compile("^-?\\d+$");
    private static final Pattern LOST = Pattern.compile("^Lost (\\d{1,18}) events$");
    /** bpftrace's banner, and the banner bpftrace tools print in BEGIN (as locks.bt does). */
    private static final Pattern ATTACHING = Pattern.compile(
            "^(Attaching \\d+ probes?\\.\\.\\.|Tracing .*\\. Hit Ctrl-C to end\\.)$");

    private final EventSink sink;
    private final PerfEventAssembler events;
    private final StackInterner stacks;
    private final ProblemLog problems;
    private State state = State.NORMAL;
    private String map;
    private String key;
    private long stackId = -1;
    private final RawLines keyLines = new RawLines();
    private long keyLine;
    private long lost;

    BpftraceText(EventSink sink, ProblemLog problems) {
        this.sink = sink;
        this.problems = problems;
        this.stacks = new StackInterner(sink);
        this.events = new PerfEventAssembler(sink, problems, stacks);
    }

    void line(String text, long number) {
        if (state == State.STACK_KEY) {
            stackKeyLine(text, number);
            return;
        }
        if (state == State.HISTOGRAM) {
            Matcher b = BUCKET.matcher(text);
            HistogramBucket bucket = b.matches() ? bucket(b, number) : null;
            if (bucket != null) {
                sink.item(bucket);
                return;
            }
            state = State.NORMAL;
        }
        if (text.isBlank()) {
            events.finish();
        } else if (text.charAt(0) == '\t') {
            events.frameLine(text, number);
        } else if (text.charAt(0) == '@') {
            events.finish();
            mapLine(text, number);
        } else {
            events.finish();
            PerfHeaderLine h = PerfHeaderLine.parseTimed(text);
            if (h != null) {
                events.start(h, number);
            } else {
                other(text, number);
            }
        }
    }

    /** At the end of the input: the pending event, and what was lost. */
    void end() {
        events.end();
    }

    long lostEvents() {
        return lost;
    }

    void addLost(long n) {
        lost += n;
    }

    private void other(String text, long number) {
        Matcher lostLine = LOST.matcher(text.strip());
        if (lostLine.matches()) {
            lost += Long.parseLong(lostLine.group(1));
        }
        sink.item(new TextLine(number, kind(text), text));
    }

    /** What kind of line bpftrace (or the traced program) printed. */
    static String kind(String text) {
        if (text.startsWith("ERROR:")) {
            return "error";
        }
        if (text.startsWith("WARNING:")) {
            return "warning";
        }
        if (ATTACHING.matcher(text).matches() || LOST.matcher(text.strip()).matches()) {
            return "noise";
        }
        return "output";
    }

    private void mapLine(String text, long number) {
        int bracket = text.indexOf('[');
        int colon = text.indexOf(':');
        if (bracket > 0 && (colon < 0 || bracket < colon)) {
            map = text.substring(0, bracket);
            if (text.length() == bracket + 1) {
                state = State.STACK_KEY;
                keyLines.clear();
                keyLine = number + 1;
                return;
            }
            int end = text.lastIndexOf("]:");
            if (end < bracket) {
                sink.item(new TextLine(number, "output", text));
                return;
            }
            key = text.substring(bracket + 1, end);
            value(text.substring(end + 2).strip(), number, -1);
        } else if (colon > 0) {
            map = text.substring(0, colon);
            key = null;
            value(text.substring(colon + 1).strip(), number, -1);
        } else {
            sink.item(new TextLine(number, "output", text));
        }
    }

    private void stackKeyLine(String text, long number) {
        if (!text.startsWith("]:")) {
            keyLines.addText(text);
            return;
        }
        long id = keyLines.isEmpty() ? -1 : stacks.intern(keyLines, this::keyFrames);
        key = null;
        state = State.NORMAL;
        value(text.substring(2).strip(), number, id);
    }

    /** A map value: a number, stats, text, or nothing (a histogram follows). */
    private void value(String value, long number, long stack) {
        stackId = stack;
        if (value.isEmpty()) {
            state = State.HISTOGRAM;
            return;
        }
        Matcher s = STATS.matcher(value);
        if (s.matches()) {
            sink.item(new MapEntry(number, map, key, stack, null, null,
                    Long.parseLong(s.group(1)), Long.parseLong(s.group(2)),
                    Long.parseLong(s.group(3))));
        } else if (NUMBER.matcher(value).matches()) {
            sink.item(new MapEntry(number, map, key, stack, Long.parseLong(value), null, null,
                    null, null));
        } else {
            sink.item(new MapEntry(number, map, key, stack, null, value, null, null, null));
        }
    }

    private StackInterner.Parsed keyFrames() {
        List<Frame> frames = new ArrayList<>(keyLines.lineCount());
        for (int i = 0; i < keyLines.lineCount(); i++) {
            frames.add(stackFrame(keyLines.line(i)));
        }
        return new StackInterner.Parsed(frames, 0);
    }

    /** Interns the frames of a stack key given as one text (JSON keys). */
    long stackOf(String keyText) {
        RawLines lines = new RawLines();
        for (String l : keyText.split("\n")) {
            if (!l.isBlank()) {
                lines.addText(l);
            }
        }
        if (lines.isEmpty()) {
            return -1;
        }
        return stacks.intern(lines, () -> {
            List<Frame> frames = new ArrayList<>(lines.lineCount());
            for (int i = 0; i < lines.lineCount(); i++) {
                frames.add(stackFrame(lines.line(i)));
            }
            return new StackInterner.Parsed(frames, 0);
        });
    }

    /**
     * A frame of a stack key: {@code __pv_queued_spin_lock_slowpath+347} (decimal offset),
     * {@code func+12 (/lib/libc.so.6)}, or a bare address {@code 0x7f58590f2ad7}.
     */
    static Frame stackFrame(String line) {
        String s = line.strip();
        String module = null;
        if (s.endsWith(")") && s.lastIndexOf(" (") > 0) {
            module = s.substring(s.lastIndexOf(" (") + 2, s.length() - 1);
            s = s.substring(0, s.lastIndexOf(" ("));
        }
        if (s.startsWith("0x")) {
            return new Frame(s.substring(2), null, 0, module);
        }
        int plus = s.lastIndexOf('+');
        if (plus > 0 && NUMBER.matcher(s.substring(plus + 1)).matches()) {
            return new Frame(null, s.substring(0, plus), Long.parseLong(s.substring(plus + 1)),
                    module);
        }
        return new Frame(null, s, 0, module);
    }

    /**
     * The bucket of a line shaped like one, or null when a bound or the count is no number
     * that fits (the line is then other output, as bpftrace or the program printed it).
     */
    private HistogramBucket bucket(Matcher b, long number) {
        try {
            return new HistogramBucket(number, map, key, stackId, bound(b.group(1)),
                    bound(b.group(2)), Long.parseLong(b.group(3)));
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * A bucket bound: {@code 512}, {@code 1K}, {@code 2M} (powers of 1024), {@code ...} (none:
     * null).
     *
     * @throws NumberFormatException when it is none of these
     * @throws ArithmeticException when it does not fit in a long
     */
    static Long bound(String text) {
        String t = text.strip();
        if (t.equals("...")) {
            return null;
        }
        if (t.isEmpty()) {
            throw new NumberFormatException("an empty bound");
        }
        int shift = switch (t.charAt(t.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            case 'P' -> 50;
            case 'E' -> 60;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        return Math.multiplyExact(Long.parseLong(digits), 1L << shift);
    }
}
