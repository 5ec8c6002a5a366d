package dev.ptrace.analyze.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lines the reader skipped: counted by reason, the first few kept as examples. In strict mode the
 * first problem stops the read with an {@link InputException}.
 */
public final class ProblemLog {
    public static final int EXAMPLES_KEPT = 100;
    private static final int TEXT_SHOWN = 200;

    private final String file;
    private final boolean strict;
    private final TraceFormat format;
    /** Whether positions are byte offsets of a binary input rather than line numbers. */
    private final boolean byteOffsets;
    private final Map<SkipReason, Long> counts = new TreeMap<>();
    private final List<Problem> examples = new ArrayList<>();
    private long skippedLines;
    private long captureEnd;
    private String captureEndMessage;

    public ProblemLog(String file, boolean strict) {
        this(file, strict, null);
    }

    /**
     * A log for an input read as {@code format}: a malformed event line that is an event line
     * of another format ends the capture there (two traces in one file).
     */
    public ProblemLog(String file, boolean strict, TraceFormat format) {
        this(file, strict, format, false);
    }

    private ProblemLog(String file, boolean strict, TraceFormat format, boolean byteOffsets) {
        this.file = file;
        this.strict = strict;
        this.format = format;
        this.byteOffsets = byteOffsets;
    }

    /** A log for a binary input: each problem's position is its byte offset. */
    public static ProblemLog forBinary(String file, boolean strict) {
        return new ProblemLog(file, strict, null, true);
    }

    /** Records that {@code lines} input lines starting at {@code line} were skipped. */
    public void skip(long line, SkipReason reason, String message, String text, long lines) {
        String other = reason == SkipReason.MALFORMED_EVENT_LINE && format != null
                && text != null ? format.otherFormatOf(text) : null;
        if (other != null) {
            captureEnds(line, "more " + format.displayName() + " events, found an event line of "
                    + other + ": another trace starts here (split the file and ingest each part)");
            return;
        }
        if (strict) {
            throw byteOffsets ? InputException.atOffset(file, line, message + found(text))
                    : new InputException(file, line, message + found(text));
        }
        skippedLines += lines;
        counts.merge(reason, lines, Long::sum);
        if (examples.size() < EXAMPLES_KEPT) {
            examples.add(new Problem(line, reason.id(), message, shorten(text)));
        }
    }

    /** A line whose number does not fit its field (64 bits): damaged input. */
    public void numberTooLarge(long line, String text) {
        skip(line, SkipReason.NUMBER_TOO_LARGE, "numbers that fit in 64 bits", text);
    }

    public void skip(long line, SkipReason reason, String message, String text) {
        skip(line, reason, message, text, 1);
    }

    /**
     * Another capture starts at {@code line} (a clock that goes back, a second header, another
     * format): strict mode stops; otherwise the input ends there for this trace and the rest is
     * counted as skipped when it has been read past ({@link #skipRestOfCapture}).
     */
    public void captureEnds(long line, String message) {
        if (strict) {
            throw new InputException(file, line, message);
        }
        if (captureEnd == 0) {
            captureEnd = line;
            captureEndMessage = message;
        }
    }

    public boolean captureEnded() {
        return captureEnd > 0;
    }

    /** The first line of another capture, 0 when none. */
    public long captureEnd() {
        return captureEnd;
    }

    /** Counts the lines from the capture's end to {@code lastLine} as skipped, once. */
    public void skipRestOfCapture(long lastLine) {
        if (captureEnd > 0 && !counts.containsKey(SkipReason.ANOTHER_CAPTURE)) {
            skip(captureEnd, SkipReason.ANOTHER_CAPTURE, captureEndMessage, null,
                    lastLine - captureEnd + 1);
        }
    }

    public long skippedLines() {
        return skippedLines;
    }

    public Map<SkipReason, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    public List<Problem> examples() {
        return Collections.unmodifiableList(examples);
    }

    private static String found(String text) {
        return text == null ? "" : ", found '" + shorten(text) + "'";
    }

    private static String shorten(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return t.length() <= TEXT_SHOWN ? t : t.substring(0, TEXT_SHOWN) + "...";
    }
}
