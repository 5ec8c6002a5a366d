package dev.ptrace.analyze.read.perfdata;

import dev.ptrace.analyze.read.ByteBuffers;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The records of a data section or a pipe: the ones perf writes about the capture itself
 * (HEADER_ATTR, HEADER_TRACING_DATA, HEADER_FEATURE, HEADER_BUILD_ID, EVENT_UPDATE in pipe
 * mode), compressed ones unpacked into the records they hold (a record may be split between
 * two compressed ones: the zstd stream is one frame across them), the rest handed to the
 * session.
 */
final class PipeRecords {
    private static final int EVENT_UPDATE_NAME = 3;
    /** perf's default decompression buffer: one mmap'd ring buffer's worth (528 KiB). */
    private static final int DEFAULT_DECOMPRESSED = 528 * 1024;
    /** No kernel's event formats come near this; more is damage, not a capture. */
    private static final int MAX_TRACING_DATA = 256 << 20;
    /** Decompressed bytes one compressed record may leave unread: far more than a ring buffer. */
    private static final int MAX_PENDING = 64 << 20;

    private final PerfSession session;
    private final PerfFeatures features;
    private final RecordStream records;
    private ZstdDecompressCtx zstd;
    /** Decompressed bytes not yet handed on: a record cut at the end of a compressed one. */
    private ByteBuffer pending;

    PipeRecords(PerfSession session, PerfFeatures features, RecordStream records) {
        this.session = session;
        this.features = features;
        this.records = records;
    }

    void read() throws IOException {
        try {
            while (next()) {
                ByteBuffer b = records.buffer();
                int start = records.start();
                int size = records.size();
                long offset = records.offset();
                RecordType type = RecordType.of(records.type());
                if (type == null) {
                    session.record(b, start, size, offset);
                    continue;
                }
                switch (type) {
                    case HEADER_ATTR -> attr(b, start, size);
                    case HEADER_TRACING_DATA -> {
                        int dataSize = b.getInt(start + 8);
                        if (dataSize < 0 || dataSize > MAX_TRACING_DATA) {
                            throw new PerfDataException(offset, "tracing data of at most "
                                    + MAX_TRACING_DATA + " bytes, found " + dataSize);
                        }
                        features.tracingData = PerfDataReader.tracingData(
                                records.follow(dataSize));
                    }
                    case HEADER_FEATURE -> feature(b, start, size, offset);
                    case HEADER_BUILD_ID -> features.read(PerfFeatures.BUILD_ID,
                            b.slice(start, size).order(b.order()));
                    case EVENT_UPDATE -> eventUpdate(b, start, size);
                    case COMPRESSED -> decompress(b, start + 8, size - 8, offset);
                    case COMPRESSED2 -> decompress(b, start + 16,
                            (int) Math.min(b.getLong(start + 8), size - 16), offset);
                    default -> record(b, start, size, offset);
                }
            }
        } finally {
            if (zstd != null) {
                zstd.close();
            }
        }
    }

    private void feature(ByteBuffer b, int start, int size, long offset) {
        int id = (int) b.getLong(start + 8);
        try {
            features.read(id, b.slice(start + 16, size - 16).order(b.order()));
        } catch (IndexOutOfBoundsException | IllegalArgumentException
                 | java.nio.BufferUnderflowException e) {
            session.malformed(offset, "HEADER_FEATURE record (feature " + id + ") whose "
                    + "fields fit it");
        }
    }

    /** The next record; false at the end, or where the input is cut inside a record. */
    private boolean next() throws IOException {
        try {
            return records.next();
        } catch (java.io.EOFException e) {
            session.cut(records.offset(), "the input ends inside a record: expected "
                    + e.getMessage() + " (a recording cut short?); the records before it are "
                    + "kept");
            return false;
        } catch (PerfDataException e) {
            // a record size no record has: nothing after it can be found again
            session.unreadable(e.offset(), e.getMessage() + "; the records before it are kept, "
                    + "none after it can be told apart");
            return false;
        }
    }

    /** A kernel record; one whose fields run past it is counted, not read. */
    private void record(ByteBuffer b, int start, int size, long offset) {
        try {
            session.record(b, start, size, offset);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            session.malformed(offset, RecordType.name(b.getInt(start)) + " record of " + size
                    + " bytes whose fields fit it");
        }
    }

    private void attr(ByteBuffer b, int start, int size) {
        int attrSize = b.getInt(start + 8 + 4);
        if (attrSize < PerfEventAttr.SIZE_VER0 || 8 + attrSize > size) {
            throw new PerfDataException(records.offset(), "an attr of at least "
                    + PerfEventAttr.SIZE_VER0 + " bytes in HEADER_ATTR, found " + attrSize);
        }
        PerfEventAttr attr = PerfEventAttr.read(b, start + 8, attrSize);
        long[] ids = new long[(size - 8 - attrSize) / 8];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = b.getLong(start + 8 + attrSize + 8 * i);
        }
        session.attr(attr, ids);
    }

    private void eventUpdate(ByteBuffer b, int start, int size) {
        long type = b.getLong(start + 8);
        long id = b.getLong(start + 16);
        if (type == EVENT_UPDATE_NAME) {
            byte[] name = new byte[size - 24];
            ByteBuffers.copy(b, start + 24, name);
            session.eventName(id, PerfFeatures.cString(name));
        }
    }

    /** Unpacks one compressed record and hands on every whole record it completes. */
    private void decompress(ByteBuffer b, int at, int length, long offset) {
        if (zstd == null) {
            zstd = new ZstdDecompressCtx();
            int capacity = Math.max(features.compressedMmapLen, DEFAULT_DECOMPRESSED);
            pending = ByteBuffer.allocate(capacity * 2).order(b.order());
        }
        ByteBuffer src = b.slice(at, length);
        try {
            while (src.hasRemaining()) {
                if (!pending.hasRemaining()) {
                    grow();
                }
                zstd.decompressByteBufferStream(pending, src);
                handOn(offset);
            }
        } catch (ZstdException e) {
            throw new PerfDataException(offset, "zstd-compressed records, found damaged data ("
                    + e.getMessage() + ")");
        }
    }

    /** Hands on the whole records decompressed so far; keeps a cut one for the next. */
    private void handOn(long offset) {
        int end = pending.position();
        int at = 0;
        while (end - at >= RecordStream.HEADER) {
            int size = pending.getShort(at + 6) & 0xffff;
            if (size < RecordStream.HEADER) {
                throw new PerfDataException(offset, "decompressed records at least "
                        + RecordStream.HEADER + " bytes long, found size " + size);
            }
            if (end - at < size) {
                break;
            }
            int type = pending.getInt(at);
            if (type == RecordType.FINISHED_ROUND.id || type < 64) {
                record(pending, at, size, offset);
            } else {
                session.notDecoded(type);
            }
            at += size;
        }
        System.arraycopy(pending.array(), at, pending.array(), 0, end - at);
        pending.position(end - at);
    }

    private void grow() {
        if (pending.capacity() >= MAX_PENDING) {
            throw new PerfDataException(records.offset(), "compressed records holding whole "
                    + "records, found more than " + MAX_PENDING + " bytes without one ending");
        }
        ByteBuffer bigger = ByteBuffer.allocate(pending.capacity() * 2).order(pending.order());
        pending.flip();
        bigger.put(pending);
        pending = bigger;
    }
}
