package dev.ptrace.analyze.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without copying them: after {@link #advance()} the current
 * line is {@code buffer()[start(), end())}, valid until the next call. Ends of line are
 * {@code \n}, {@code \r\n} or the end of the input. A line longer than the limit is read past,
 * not kept: {@link #overlong()} then gives its length and the line is its first bytes, so that
 * memory does not grow with a line.
 */
final class Utf8LineReader implements Closeable {
    /** Bytes of an overlong line kept to show what it was. */
    private static final int SHOWN = 200;
    private final InputStream in;
    private final int maxLine;
    private long overlong = -1;
    private boolean unterminated;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int end;

    Utf8LineReader(InputStream in, int bufferSize, int maxLine) {
        this.in = in;
        this.buf = new byte[bufferSize];
        this.maxLine = maxLine;
    }

    /** Moves to the next line; false at the end of the input. */
    boolean advance() throws IOException {
        overlong = -1;
        unterminated = false;
        int scanFrom = pos;
        while (true) {
            for (int i = scanFrom; i < limit; i++) {
                if (buf[i] == '\n') {
                    start = pos;
                    end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    pos = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (pos == limit) {
                    return false;
                }
                start = pos;
                end = limit;
                pos = limit;
                unterminated = true;
                return true;
            }
            int unread = limit - pos;
            if (unread >= maxLine) {
                skipOverlong();
                return true;
            }
            fill();
            scanFrom = unread;
        }
    }

    /** Reads past the rest of an overlong line; the line becomes its first bytes. */
    private void skipOverlong() throws IOException {
        long length = limit - pos;
        System.arraycopy(buf, pos, buf, 0, SHOWN);
        int kept = SHOWN;
        while (true) {
            int n = in.read(buf, kept, buf.length - kept);
            if (n < 0) {
                eof = true;
                pos = limit = kept;
                break;
            }
            int nl = -1;
            for (int i = kept; i < kept + n; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl >= 0) {
                length += nl - kept;
                pos = nl + 1;
                limit = kept + n;
                break;
            }
            length += n;
        }
        start = 0;
        end = SHOWN;
        overlong = length;
    }

    // The current line: buffer()[start(), end()), valid until the next advance().

    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** Length in bytes of the current line when it was longer than the limit, else -1. */
    long overlong() {
        return overlong;
    }

    /** Whether the current line ended with the input, not with an end of line. */
    boolean unterminated() {
        return unterminated;
    }

    /** Moves the unread bytes to the front, grows the buffer for a long line, reads more. */
    private void fill() throws IOException {
        int unread = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, unread);
        } else if (unread == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        pos = 0;
        limit = unread;
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
