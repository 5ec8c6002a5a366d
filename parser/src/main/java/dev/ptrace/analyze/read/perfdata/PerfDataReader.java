package dev.ptrace.analyze.read.perfdata;

import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.read.BinaryInput;
import dev.ptrace.analyze.read.BinaryTraceReader;
import dev.ptrace.analyze.read.InputException;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.SkipReason;
import dev.ptrace.analyze.read.format.FormatException;
import dev.ptrace.analyze.read.format.TracingData;
import dev.ptrace.analyze.read.symbols.SymbolSources;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads perf.data natively (tools/perf/Documentation/perf.data-file-format.txt): a file's
 * header, its events' attrs and ids, its feature sections and its data section; or the same
 * as a stream of records (pipe mode, {@code perf record -o -}). Compressed records
 * (COMPRESSED, COMPRESSED2: zstd) are decompressed as they come. Each sample becomes the event
 * its {@code perf script --ns} line gives, in the order perf script prints them.
 */
public final class PerfDataReader implements BinaryTraceReader {
    static final long MAGIC = 0x32454c4946524550L; // "PERFILE2" read little-endian
    private static final int FILE_HEADER = 104;
    private static final int PIPE_HEADER = 16;
    private final SymbolSources symbols;

    public PerfDataReader(SymbolSources symbols) {
        this.symbols = symbols;
    }

    /** The byte order of a perf.data whose first 8 bytes are {@code head}, or null. */
    public static ByteOrder order(ByteBuffer head) {
        if (head.remaining() < 8) {
            return null;
        }
        long v = head.order(ByteOrder.LITTLE_ENDIAN).getLong(head.position());
        return v == MAGIC ? ByteOrder.LITTLE_ENDIAN : v == Long.reverseBytes(MAGIC)
                ? ByteOrder.BIG_ENDIAN : null;
    }

    /** Whether a perf.data whose first bytes are {@code head} is in pipe mode. */
    public static boolean isPipe(ByteBuffer head) {
        ByteOrder order = order(head);
        return order != null && head.remaining() >= 16
                && head.order(order).getLong(head.position() + 8) == PIPE_HEADER;
    }

    @Override
    public long read(BinaryInput in, EventSink sink, ProblemLog problems) {
        try {
            return readOrThrow(in, sink, problems);
        } catch (PerfDataException e) {
            throw InputException.atOffset(in.name(), e.offset(), e.getMessage());
        } catch (FormatException e) {
            throw InputException.atOffset(in.name(), -1, "the event formats (tracing data): "
                    + e.getMessage());
        } catch (EOFException e) {
            throw InputException.atOffset(in.name(), -1, "the file ends early, expected "
                    + e.getMessage() + " (a recording cut short?)");
        } catch (IOException e) {
            throw new InputException(in.name(), 0, "cannot read: " + e.getMessage(), e);
        }
    }

    private long readOrThrow(BinaryInput in, EventSink sink, ProblemLog problems)
            throws IOException {
        ByteBuffer head = in.head();
        ByteOrder order = order(head);
        if (order == null) {
            throw new PerfDataException(0, "the perf.data magic PERFILE2");
        }
        head.order(order);
        long headerSize = head.getLong(8);
        PerfFeatures features = new PerfFeatures();
        PerfSession session = new PerfSession(in.name(), sink, problems, order, features,
                new KernelSymbolsChoice(symbols));
        RecordStream records;
        if (headerSize == PIPE_HEADER) {
            records = new RecordStream(in.channel(), PIPE_HEADER, Long.MAX_VALUE, order);
            skip(in.channel(), PIPE_HEADER);
            new PipeRecords(session, features, records).read();
        } else if (headerSize == FILE_HEADER && in.file() != null) {
            SeekableByteChannel file = in.file();
            if (file.size() < FILE_HEADER) {
                throw new PerfDataException(0, "a perf.data header of " + FILE_HEADER
                        + " bytes, found a file of " + file.size());
            }
            ByteBuffer h = readAt(file, 0, FILE_HEADER, order);
            long dataOffset = h.getLong(40);
            long dataSize = h.getLong(48);
            long fileSize = file.size();
            if (dataOffset < FILE_HEADER || dataOffset > fileSize) {
                throw new PerfDataException(40, "a data section inside the file, found one at "
                        + dataOffset + " of " + fileSize + " bytes");
            }
            attrs(file, h, order, session);
            if (dataSize == 0 || dataOffset + dataSize > fileSize) {
                // perf record stopped before writing its header's sizes, or the file was cut
                problems.skip(dataOffset + Math.min(dataSize, fileSize - dataOffset),
                        SkipReason.TRUNCATED_INPUT, "a finished recording, found " + (dataSize
                        == 0 ? "no data size in its header (perf record did not end)" : "the "
                        + "file ending " + (dataOffset + dataSize - fileSize) + " bytes before "
                        + "its data section") + ": the records up to the end are read, the "
                        + "header's features (names, formats, build ids) are missing", null);
                dataSize = fileSize - dataOffset;
            } else {
                features(file, h, order, dataOffset + dataSize, features);
            }
            if (features.tracingData == null) {
                features.metadata.remove("tracing data");
            }
            file.position(dataOffset);
            records = new RecordStream(file, dataOffset, dataOffset + dataSize, order);
            new PipeRecords(session, features, records).read();
        } else if (headerSize == FILE_HEADER) {
            throw new PerfDataException(0, "a perf.data file to read from, found one on a "
                    + "pipe (record with 'perf record -o -' to stream it, or give the file)");
        } else {
            throw new PerfDataException(8, "a header of " + FILE_HEADER + " (file) or "
                    + PIPE_HEADER + " (pipe) bytes, found " + headerSize);
        }
        session.finish();
        return session.records();
    }

    /** Reads past the first {@code n} bytes of a stream. */
    private static void skip(ReadableByteChannel ch, int n) throws IOException {
        ByteBuffer rest = ByteBuffer.allocate(n);
        while (rest.hasRemaining()) {
            if (ch.read(rest) < 0) {
                throw new EOFException("the pipe header");
            }
        }
    }

    private static void attrs(SeekableByteChannel file, ByteBuffer h, ByteOrder order,
                              PerfSession session) throws IOException {
        long attrSize = h.getLong(16);
        long offset = h.getLong(24);
        long size = h.getLong(32);
        if (attrSize < PerfEventAttr.SIZE_VER0 + 16 || size % attrSize != 0) {
            throw new PerfDataException(16, "attrs of at least " + (PerfEventAttr.SIZE_VER0
                    + 16) + " bytes filling their section, found " + attrSize + " bytes in "
                    + size);
        }
        ByteBuffer all = readAt(file, offset, size, order);
        for (int at = 0; at < size; at += (int) attrSize) {
            PerfEventAttr attr = PerfEventAttr.read(all, at, (int) attrSize - 16);
            long idsOffset = all.getLong(at + (int) attrSize - 16);
            long idsSize = all.getLong(at + (int) attrSize - 8);
            ByteBuffer ids = readAt(file, idsOffset, idsSize, order);
            long[] list = new long[(int) (idsSize / 8)];
            for (int i = 0; i < list.length; i++) {
                list[i] = ids.getLong(i * 8);
            }
            session.attr(attr, list);
        }
    }

    private static void features(SeekableByteChannel file, ByteBuffer h, ByteOrder order, long at,
                                 PerfFeatures features) throws IOException {
        long bits = h.getLong(72);
        int count = Long.bitCount(bits) + countRest(h);
        if (count == 0) {
            return;
        }
        ByteBuffer table = readAt(file, at, 16 * count, order);
        int index = 0;
        for (int id = 0; id < 64; id++) {
            if ((bits & (1L << id)) == 0) {
                continue;
            }
            long offset = table.getLong(index * 16);
            long size = table.getLong(index * 16 + 8);
            index++;
            if (id >= PerfFeatures.NAMES.length || PerfFeatures.NAMES[id] == null
                    || size <= 0) {
                continue;
            }
            ByteBuffer section = readAt(file, offset, size, order);
            try {
                features.read(id, section);
            } catch (IndexOutOfBoundsException | IllegalArgumentException
                     | java.nio.BufferUnderflowException | java.nio.BufferOverflowException e) {
                throw new PerfDataException(offset, "the " + PerfFeatures.NAMES[id]
                        + " section whole, found it cut short");
            }
        }
    }

    /** Features past the first 64 bits of the bitmap: counted only, none is read. */
    private static int countRest(ByteBuffer h) {
        int n = 0;
        for (int i = 1; i < 4; i++) {
            n += Long.bitCount(h.getLong(72 + 8 * i));
        }
        return n;
    }

    static ByteBuffer readAt(SeekableByteChannel file, long offset, long size, ByteOrder order)
            throws IOException {
        if (size < 0 || offset < 0 || offset + size > file.size() || size > Integer.MAX_VALUE) {
            throw new PerfDataException(offset, size + " bytes at offset " + offset + " (a "
                    + "section the header names), found the file " + file.size() + " bytes long");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(order);
        file.position(offset);
        while (b.hasRemaining()) {
            if (file.read(b) < 0) {
                throw new PerfDataException(offset, size + " bytes at offset " + offset
                        + ", found the file ending first");
            }
        }
        return b.flip();
    }

    /** Reads the tracing data of a stream's HEADER_TRACING_DATA record. */
    static TracingData tracingData(ByteBuffer data) {
        return TracingData.read(data, true);
    }
}
