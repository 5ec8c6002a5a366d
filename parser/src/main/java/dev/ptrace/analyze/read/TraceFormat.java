package dev.ptrace.analyze.read;

import dev.ptrace.analyze.read.bpftrace.BpftraceJsonReader;
import dev.ptrace.analyze.read.bpftrace.BpftraceReader;
import dev.ptrace.analyze.read.ftrace.FtraceLine;
import dev.ptrace.analyze.read.ftrace.FtraceReader;
import dev.ptrace.analyze.read.perf.PerfHeaderLine;
import dev.ptrace.analyze.read.perf.PerfScriptReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The text formats the tool reads, each with the test that recognises it from its first lines. */
public enum TraceFormat {
    BPFTRACE_JSON("bpftrace json", "{\"type\": ..., \"data\": ...} a line",
            TraceFormat::looksLikeBpftraceJson, BpftraceJsonReader::new,
            "{\"type\": \"attached_probes\"", ".*", null),
    BPFTRACE("bpftrace", "Attaching N probes..., printf lines, @maps",
            TraceFormat::looksLikeBpftrace, BpftraceReader::new, "Attaching ",
            "\\d+ probes?\\.\\.\\.", null),
    PERF_SCRIPT("perf script", "[COMM] TID [CPU] [SECS.USECS:] EVENT: [PAYLOAD]",
            TraceFormat::looksLikePerfScript, PerfScriptReader::new, "# ========", "",
            Lines.PERF_EVENT),
    TRACE_CMD("trace-cmd report", "cpus=N, then COMM-TID [CPU] SECS.USECS: EVENT: PAYLOAD",
            TraceFormat::looksLikeTraceCmd, FtraceReader::new, "cpus=", "\\d+",
            Lines.FTRACE_EVENT),
    FTRACE("ftrace text", "# tracer: ..., then COMM-TID [CPU] FLAGS SECS.USECS: EVENT: PAYLOAD",
            TraceFormat::looksLikeFtrace, FtraceReader::new, "# tracer: ", ".*",
            Lines.FTRACE_EVENT);

    /** An event line grammar, one object per grammar: formats that share one read alike. */
    private record EventLine(String name, Predicate<String> test) {
    }

    private static final class Lines {
        static final EventLine PERF_EVENT = new EventLine("perf script",
                l -> PerfHeaderLine.parse(l) != null);
        static final EventLine FTRACE_EVENT = new EventLine("ftrace (tracefs or trace-cmd)",
                l -> FtraceLine.parse(l) != null);
    }

    /** How many lines from the start format detection looks at. */
    public static final int SNIFF_LINES = 200;

    private final String displayName;
    private final String shape;
    private final Predicate<List<String>> sniffer;
    private final Supplier<TraceReader> reader;
    /**
     * The line a capture of this format begins with (a literal start, then the rest as a
     * regular expression): one after events is another capture.
     */
    private static final TraceFormat[] ALL = values();
    /** The bytes a capture's first line can start with: most lines are ruled out by one. */
    private static final boolean[] CAPTURE_FIRST_BYTES = new boolean[256];

    static {
        for (TraceFormat f : ALL) {
            if (f.captureStart.length > 0) {
                CAPTURE_FIRST_BYTES[f.captureStart[0] & 0xff] = true;
            } else {
                java.util.Arrays.fill(CAPTURE_FIRST_BYTES, true);
            }
        }
    }

    private final byte[] captureStart;
    private final Pattern captureStartRest;
    /** Whether a single line is an event line of this format; null when none can be told. */
    private final EventLine eventLine;

    TraceFormat(String displayName, String shape, Predicate<List<String>> sniffer,
                Supplier<TraceReader> reader, String captureStart, String captureStartRest,
                EventLine eventLine) {
        this.displayName = displayName;
        this.shape = shape;
        this.sniffer = sniffer;
        this.reader = reader;
        this.captureStart = captureStart.getBytes(StandardCharsets.UTF_8);
        this.captureStartRest = Pattern.compile(captureStartRest);
        this.eventLine = eventLine;
    }

    /** Whether {@code line[from, to)} is the first line of a capture of any format. */
    public static boolean startsCapture(byte[] line, int from, int to) {
        if (from == to || !CAPTURE_FIRST_BYTES[line[from] & 0xff]) {
            return false;
        }
        for (TraceFormat f : ALL) {
            int n = f.captureStart.length;
            if (to - from >= n && Arrays.equals(line, from, from + n, f.captureStart, 0, n)
                    && f.captureStartRest.matcher(new String(line, from + n, to - from - n,
                            StandardCharsets.UTF_8)).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The name of the format, read differently from this one, whose event line {@code line} is;
     * null when none: a line of another trace inside this one.
     */
    public String otherFormatOf(String line) {
        for (TraceFormat f : values()) {
            if (f.eventLine != null && f.eventLine != eventLine && f.eventLine.test().test(line)) {
                return f.eventLine.name();
            }
        }
        return null;
    }

    public String displayName() {
        return displayName;
    }

    public TraceReader newReader() {
        return reader.get();
    }

    /**
     * The format of an input from its first lines.
     *
     * @throws InputException naming the first line when no format recognises it
     */
    public static TraceFormat detect(String file, List<String> head) {
        for (TraceFormat f : values()) {
            if (f.sniffer.test(head)) {
                return f;
            }
        }
        int first = firstContentLine(head);
        if (first < 0) {
            throw new InputException(file, 0, head.isEmpty() ? "empty input, no trace in it"
                    : "no events in the first " + head.size() + " lines");
        }
        StringBuilder expected = new StringBuilder("not a trace format this tool reads; expected ");
        for (TraceFormat f : values()) {
            expected.append(f.ordinal() == 0 ? "" : ", or ").append(f.displayName)
                    .append(" (").append(f.shape).append(")");
        }
        String text = head.get(first).strip();
        throw new InputException(file, first + 1, expected + ", found '"
                + (text.length() > 120 ? text.substring(0, 120) + "..." : text) + "'");
    }

    private static int firstContentLine(List<String> head) {
        for (int i = 0; i < head.size(); i++) {
            String line = head.get(i);
            if (!line.isBlank() && !line.startsWith("#")) {
                return i;
            }
        }
        return -1;
    }

    private static boolean looksLikeBpftraceJson(List<String> head) {
        return head.stream().anyMatch(l -> l.startsWith("{\"type\": \""));
    }

    /** bpftrace's own lines: its banner, its messages, a map printed at exit. */
    private static boolean looksLikeBpftrace(List<String> head) {
        return head.stream().anyMatch(l -> l.matches("Attaching \\d+ probes?\\.\\.\\.")
                || l.matches("Tracing .*\\. Hit Ctrl-C to end\\.")
                || ((l.startsWith("ERROR: ") || l.startsWith("WARNING: "))
                        && l.contains("bpftrace"))
                || l.matches("@\\w*(\\[.*)?:.*"));
    }

    private static boolean looksLikeTraceCmd(List<String> head) {
        for (String line : head) {
            if (!line.isBlank()) {
                return line.matches("cpus=\\d+|version = \\S+");
            }
        }
        return false;
    }

    private static boolean looksLikeFtrace(List<String> head) {
        if (!head.isEmpty() && head.get(0).startsWith("# tracer: ")) {
            return true;
        }
        int first = firstContentLine(head);
        return first >= 0 && FtraceLine.parse(head.get(first)) != null;
    }

    private static boolean looksLikePerfScript(List<String> head) {
        int first = firstContentLine(head);
        if (first < 0) {
            return !head.isEmpty() && head.get(0).startsWith("# ========");
        }
        return PerfHeaderLine.parse(head.get(first)) != null;
    }
}
