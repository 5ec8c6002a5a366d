package dev.ptrace.analyze.read.perfdata;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * The records of a perf.data stream, one at a time, read through one buffer so memory does not
 * grow with the file: each record is whole in {@link #buffer()} from {@link #start()} for
 * {@link #size()} bytes while it is the current one. Works on a file's data section and on a
 * pipe alike.
 */
final class RecordStream {
    static final int HEADER = 8;
    private static final int CAPACITY = 4 << 20;

    private final ReadableByteChannel in;
    private final long limit;
    private final ByteBuffer buf;
    /** Stream offset of {@code buf}'s byte 0. */
    private long base;
    private int start;
    private int size;
    private boolean ended;

    /**
     * Records from {@code in}, whose first byte is at stream offset {@code offset}, up to
     * {@code limit} (exclusive; {@code Long.MAX_VALUE}: to the end of the stream).
     */
    RecordStream(ReadableByteChannel in, long offset, long limit, ByteOrder order) {
        this.in = in;
        this.limit = limit;
        this.buf = ByteBuffer.allocate(CAPACITY).order(order);
        this.buf.limit(0);
        this.base = offset;
    }

    /**
     * Moves to the next record; false at the end of the stream.
     *
     * @throws EOFException when the stream ends inside a record
     * @throws PerfDataException when a record's size is smaller than its header
     */
    boolean next() throws IOException {
        start += size;
        size = 0;
        if (!available(HEADER)) {
            if (buf.limit() > start) {
                throw new EOFException("a record of " + HEADER + " header bytes, found "
                        + (buf.limit() - start));
            }
            return false;
        }
        int recordSize = buf.getShort(start + 6) & 0xffff;
        if (recordSize < HEADER) {
            throw new PerfDataException(offset(), "a record at least " + HEADER + " bytes long, "
                    + "found size " + recordSize + " (type " + RecordType.name(type()) + ")");
        }
        if (!available(recordSize)) {
            throw new EOFException("a record of " + recordSize + " bytes (type "
                    + RecordType.name(type()) + "), found the input ending in it");
        }
        size = recordSize;
        return true;
    }

    /**
     * Reads {@code n} bytes that follow the current record outside it (the tracing data after
     * a pipe's HEADER_TRACING_DATA record); they then count as part of it.
     */
    ByteBuffer follow(int n) throws IOException {
        if (size + (long) n > CAPACITY) {
            ByteBuffer big = ByteBuffer.allocate(n).order(buf.order());
            int have = Math.max(0, Math.min(n, buf.limit() - (start + size)));
            big.put(buf.array(), start + size, have);
            while (big.hasRemaining()) {
                if (in.read(big) < 0) {
                    throw new EOFException(n + " bytes after a record, found the input ending");
                }
            }
            base += start + size + have;
            buf.limit(0);
            start = 0;
            size = 0;
            return big.flip();
        }
        if (!available(size + n)) {
            throw new EOFException(n + " bytes after a record, found the input ending");
        }
        ByteBuffer out = ByteBuffer.wrap(buf.array(), start + size, n).slice()
                .order(buf.order());
        size += n;
        return out;
    }

    /**
     * Whether {@code n} bytes from the current record's start are in the buffer, reading more
     * when not (the record is first moved to the buffer's start).
     */
    private boolean available(int n) throws IOException {
        if (start + n <= buf.limit()) {
            return true;
        }
        if (ended) {
            return false;
        }
        int keep = buf.limit() - start;
        System.arraycopy(buf.array(), start, buf.array(), 0, keep);
        base += start;
        start = 0;
        buf.limit(CAPACITY);
        buf.position(keep);
        while (buf.position() < n) {
            long room = limit - (base + buf.position());
            if (room <= 0) {
                ended = true;
                break;
            }
            if (room < buf.remaining()) {
                buf.limit((int) (buf.position() + room));
            }
            int read = in.read(buf);
            buf.limit(CAPACITY);
            if (read < 0) {
                ended = true;
                break;
            }
        }
        buf.limit(buf.position());
        buf.position(0);
        return n <= buf.limit();
    }

    ByteBuffer buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    int size() {
        return size;
    }

    int type() {
        return buf.getInt(start);
    }

    int misc() {
        return buf.getShort(start + 4) & 0xffff;
    }

    /** Stream offset of the current record (the file offset, for a file). */
    long offset() {
        return base + start;
    }
}
