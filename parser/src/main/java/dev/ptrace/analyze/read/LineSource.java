package dev.ptrace.analyze.read;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * The lines of one input with their numbers. A line is kept as the bytes read and decoded
 * (UTF-8, invalid bytes as U+FFFD) only when asked for its text, so that readers can copy the
 * bulk of a trace (callchain lines) without making strings of it. The first lines can be looked
 * at before reading (format detection). Read errors come out as {@link InputException} naming
 * file and line.
 */
public final class LineSource implements TraceSource {
    private final String name;
    private final Utf8LineReader reader;
    private final Supplier<GzipInput.Damage> damage;
    /**
     * A line read ahead, its length when it was too long to keep (else -1), and whether the
     * input ended inside it.
     */
    private record Ahead(byte[] bytes, long overlong, boolean unterminated) {
    }

    private final Deque<Ahead> lookahead = new ArrayDeque<>();
    private ProblemLog problems;
    private long lineNumber;
    private byte[] bytes;
    private int start;
    private int end;
    private String text;
    private boolean damageReported;
    private long captureStart;

    LineSource(String name, Utf8LineReader reader, Supplier<GzipInput.Damage> damage) {
        this.name = name;
        this.reader = reader;
        this.damage = damage;
    }

    public String name() {
        return name;
    }

    /** Number of the current line, 1-based; 0 before the first. */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * Where lines too long to be trace lines are reported (line_too_long); without it such a
     * line reads as its first bytes.
     */
    public void reportTo(ProblemLog log) {
        this.problems = log;
    }

    /** The log given to {@link #reportTo}, or null. */
    public ProblemLog problems() {
        return problems;
    }

    /** Moves to the next line; false at the end of the input. */
    public boolean advance() {
        while (true) {
            text = null;
            if (problems != null && problems.captureEnded()) {
                skipRest();
                return false;
            }
            long overlong;
            boolean unterminated;
            if (!lookahead.isEmpty()) {
                Ahead a = lookahead.removeFirst();
                bytes = a.bytes();
                overlong = a.overlong();
                unterminated = a.unterminated();
                start = 0;
                end = bytes.length;
            } else if (readRaw()) {
                bytes = reader.buffer();
                start = reader.start();
                end = reader.end();
                overlong = reader.overlong();
                unterminated = reader.unterminated();
            } else {
                reportDamage(lineNumber + 1);
                return false;
            }
            lineNumber++;
            if (unterminated && damage.get() != null) {
                // the input was cut inside this line: only its first bytes arrived
                reportDamage(lineNumber);
                continue;
            }
            if (TraceFormat.startsCapture(bytes, start, end)) {
                captureStart = lineNumber;
            }
            if (overlong < 0 || problems == null) {
                return true;
            }
            problems.skip(lineNumber, SkipReason.LINE_TOO_LONG, "a line of at most "
                    + TraceInput.MAX_LINE + " bytes (this one has " + overlong + ")", text());
        }
    }

    /**
     * The last line so far that starts a capture (perf's header, ftrace's '# tracer:', ...),
     * 0 when none: one after events means another capture follows.
     */
    public long captureStart() {
        return captureStart;
    }

    /** Reads past the lines of another capture, counting them as skipped. */
    private void skipRest() {
        long last = lineNumber + lookahead.size();
        lookahead.clear();
        while (readRaw()) {
            last++;
        }
        lineNumber = last;
        problems.skipRestOfCapture(last);
        reportDamage(last + 1);
    }

    /** Says once what cut compressed input short; the line is the cut one or the next. */
    private void reportDamage(long line) {
        GzipInput.Damage d = damage.get();
        if (d == null || damageReported) {
            return;
        }
        damageReported = true;
        if (problems == null) {
            throw new InputException(name, line, d.message());
        }
        problems.skip(line, d.reason(), d.message(), null);
    }

    /** The next line's text, or null at the end of the input. */
    public String next() {
        return advance() ? text() : null;
    }

    /** Length of the current line in bytes. */
    public int length() {
        return end - start;
    }

    /** Byte {@code i} of the current line, 0-255. */
    public int byteAt(int i) {
        return bytes[start + i] & 0xff;
    }

    /** The current line as text. */
    public String text() {
        if (text == null) {
            text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        }
        return text;
    }

    /** Appends the current line's bytes to {@code lines} as one more line. */
    public void copyTo(RawLines lines) {
        lines.add(bytes, start, end);
    }

    /** Up to {@code n} lines after the current one, as text, without moving. */
    public List<String> peek(int n) {
        while (lookahead.size() < n && readRaw()) {
            lookahead.addLast(new Ahead(Arrays.copyOfRange(reader.buffer(), reader.start(),
                    reader.end()), reader.overlong(), reader.unterminated()));
        }
        List<String> head = new ArrayList<>(Math.min(n, lookahead.size()));
        for (Ahead line : lookahead) {
            if (head.size() == n) {
                break;
            }
            head.add(new String(line.bytes(), StandardCharsets.UTF_8));
        }
        return head;
    }

    private boolean readRaw() {
        long at = lineNumber + lookahead.size() + 1;
        try {
            return reader.advance();
        } catch (IOException e) {
            throw new InputException(name, at, "cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
