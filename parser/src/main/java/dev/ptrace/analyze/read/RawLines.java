package dev.ptrace.analyze.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Several input lines as the bytes read, end to end (a callchain): compared and hashed as
 * bytes, decoded to text only when needed. A builder while a reader collects lines, and the
 * immutable key a finished copy of it is.
 */
public final class RawLines {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int length;
    private int[] ends;
    private int lines;
    private int hash;
    private boolean hashed;

    public RawLines() {
        this(new byte[1024], 0, new int[16], 0);
    }

    private RawLines(byte[] bytes, int length, int[] ends, int lines) {
        this.bytes = bytes;
        this.length = length;
        this.ends = ends;
        this.lines = lines;
    }

    /** A single line of text, e.g. the ip of a sample printed on its event line. */
    public static RawLines of(String line) {
        RawLines r = new RawLines();
        r.addText(line);
        return r;
    }

    /** Appends a line of text (a marker the reader inserts between parts of a stack). */
    public void addText(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        add(b, 0, b.length);
    }

    void add(byte[] src, int from, int to) {
        int n = to - from;
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
        System.arraycopy(src, from, bytes, length, n);
        length += n;
        if (lines == ends.length) {
            ends = Arrays.copyOf(ends, lines * 2);
        }
        ends[lines++] = length;
        hashed = false;
    }

    public void clear() {
        length = 0;
        lines = 0;
        hashed = false;
    }

    public int lineCount() {
        return lines;
    }

    public boolean isEmpty() {
        return lines == 0;
    }

    /** Bytes in all lines together. */
    public int byteCount() {
        return length;
    }

    /** Line {@code i} as text. */
    public String line(int i) {
        int from = i == 0 ? 0 : ends[i - 1];
        return new String(bytes, from, ends[i] - from, StandardCharsets.UTF_8);
    }

    /** An immutable copy, to keep as a key. */
    public RawLines copy() {
        RawLines c = new RawLines(Arrays.copyOf(bytes, length), length,
                Arrays.copyOf(ends, lines), lines);
        c.hash = hashCode();
        c.hashed = true;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawLines r && r.length == length && r.lines == lines
                && Arrays.equals(bytes, 0, length, r.bytes, 0, length)
                && Arrays.equals(ends, 0, lines, r.ends, 0, lines);
    }

    /** Eight bytes at a time: callchains are long and this is on the hot path. */
    @Override
    public int hashCode() {
        if (!hashed) {
            long h = length;
            int i = 0;
            for (; i + 8 <= length; i += 8) {
                h = (h ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
            }
            for (; i < length; i++) {
                h = (h ^ bytes[i]) * 0x9E3779B97F4A7C15L;
            }
            hash = (int) (h ^ (h >>> 32));
            hashed = true;
        }
        return hash;
    }
}
