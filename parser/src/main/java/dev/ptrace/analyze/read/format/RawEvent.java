package dev.ptrace.analyze.read.format;

import dev.ptrace.analyze.read.ByteBuffers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The raw bytes of one tracepoint record ({@code common_type} first), in the byte order of the
 * capture, and how to read a field of them.
 *
 * @param data   the buffer holding the record (its byte order is the capture's)
 * @param offset where the record starts in {@code data}
 * @param size   the record's length in bytes
 */
public record RawEvent(ByteBuffer data, int offset, int size) {
    /** The {@code common_type} field: the event's format id. */
    public int type() {
        return size < 2 ? -1 : data.getShort(offset) & 0xffff;
    }

    /** An integer field, sign-extended when signed; 0 when the record is too short for it. */
    public long integer(FormatField f) {
        return integerAt(f.offset(), f.size(), f.signed());
    }

    /** An integer of {@code width} bytes at {@code at} within the record. */
    long integerAt(int at, int width, boolean signed) {
        if (at < 0 || at + width > size) {
            return 0;
        }
        int p = offset + at;
        return switch (width) {
            case 1 -> signed ? data.get(p) : data.get(p) & 0xffL;
            case 2 -> signed ? data.getShort(p) : data.getShort(p) & 0xffffL;
            case 4 -> signed ? data.getInt(p) : data.getInt(p) & 0xffffffffL;
            case 8 -> data.getLong(p);
            default -> 0;
        };
    }

    /** Where a field's data is, and how long it is, within the record: {start, length}. */
    int[] span(FormatField f) {
        if (f.location() == FormatField.Location.INLINE) {
            return new int[] {f.offset(), Math.min(f.size(), Math.max(0, size - f.offset()))};
        }
        long loc = integerAt(f.offset(), 4, false);
        int start = (int) (loc & 0xffff);
        int length = (int) (loc >>> 16);
        if (f.location() == FormatField.Location.REL_LOC) {
            start += f.offset() + f.size();
        }
        if (start > size) {
            return new int[] {size, 0};
        }
        return new int[] {start, Math.min(length, size - start)};
    }

    /** A text field up to its first NUL, as UTF-8 (invalid bytes as U+FFFD). */
    public String text(FormatField f) {
        int[] span = span(f);
        int end = span[0];
        int limit = span[0] + span[1];
        while (end < limit && data.get(offset + end) != 0) {
            end++;
        }
        byte[] b = new byte[end - span[0]];
        ByteBuffers.copy(data, offset + span[0], b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The bytes of an array field (fixed or dynamic). */
    public byte[] bytes(FormatField f) {
        int[] span = span(f);
        byte[] b = new byte[span[1]];
        ByteBuffers.copy(data, offset + span[0], b);
        return b;
    }
}
