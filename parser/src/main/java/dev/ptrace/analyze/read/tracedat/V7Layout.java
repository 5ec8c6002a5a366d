package dev.ptrace.analyze.read.tracedat;

import dev.ptrace.analyze.read.format.TracingData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A version 7 trace.dat (Documentation/trace-cmd/trace-cmd.dat.v7.5.txt): after the initial
 * format, the compression's name and version and the offset of the first options section; then
 * sections anywhere in the file, each with a header of its id, flags (1: compressed), a string
 * id and its size. Options sections chain to the next; their options give where the other
 * sections are and, in the top instance's BUFFER option, where each CPU's data is. The header
 * info, ftrace formats, event formats, kallsyms, printk and command-line sections hold the
 * blocks of version 6's header, in that order: joined up they are read as its tracing data.
 */
final class V7Layout {
    private static final int SECTION_HEADER = 16;
    private static final int OPTIONS_SECTION = 0;
    private static final int FLYRECORD_SECTION = 3;
    private static final int COMPRESSED = 1;
    /** Larger metadata is damage: kallsyms, the largest, is a few MiB. */
    private static final int MAX_SECTION = 64 << 20;

    private final FileBytes file;
    private final Decompressor compression;

    private V7Layout(FileBytes file, Decompressor compression) {
        this.file = file;
        this.compression = compression;
    }

    static TraceDatLayout read(FileBytes file) throws IOException {
        ByteBuffer head = file.readAt(0, 4096);
        try {
            head.position(10);
            TraceDatOptions.cString(head);
            head.position(head.position() + 6);
            int initialFormat = head.position();
            String name = TraceDatOptions.cString(head);
            String version = TraceDatOptions.cString(head);
            long firstOptions = head.getLong();
            Decompressor compression = Decompressor.of(name, initialFormat);
            V7Layout layout = new V7Layout(file, compression);
            TraceDatOptions options = layout.options(firstOptions);
            TracingData data = TracingData.read(layout.tracingData(head.array(), initialFormat,
                    options.sections), true);
            Map<String, String> facts = options.facts();
            if (compression != null) {
                facts.put("compressed", name + " " + version);
            }
            if (options.flyrecord < 0) {
                throw new TraceDatException(firstOptions, "a BUFFER option for the top "
                        + "instance (where its events are), found none");
            }
            boolean compressed = (layout.header(options.flyrecord, FLYRECORD_SECTION)
                    .getShort(2) & COMPRESSED) != 0;
            int pageSize = options.pageSize > 0 ? options.pageSize : data.pageSize();
            return new TraceDatLayout(data, pageSize, options.cpus,
                    compressed ? compression : null, options.timeOffset, facts);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new TraceDatException(head.position(), "a version 7 header (compression, "
                    + "options offset), found it cut short");
        }
    }

    /** Every options section, from the first along the chain. */
    private TraceDatOptions options(long first) throws IOException {
        TraceDatOptions options = new TraceDatOptions(7);
        Set<Long> seen = new HashSet<>();
        for (long at = first; at != 0; ) {
            if (!seen.add(at)) {
                throw new TraceDatException(at, "options sections that end, found them "
                        + "chained in a loop");
            }
            at = options.read(section(at, OPTIONS_SECTION), at + SECTION_HEADER);
        }
        return options;
    }

    /** The version 6 layout of the tracing data, from the sections that hold its blocks. */
    private ByteBuffer tracingData(byte[] head, int initialFormat, Map<Integer, Long> sections)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head, 0, initialFormat);
        for (int id = TraceDatOptions.HEADER_INFO; id <= TraceDatOptions.CMDLINES; id++) {
            Long at = sections.get(id);
            if (at != null) {
                ByteBuffer s = section(at, id);
                if (out.size() + (long) s.remaining() > MAX_SECTION) {
                    throw new TraceDatException(at, "tracing data of at most " + MAX_SECTION
                            + " bytes, found more");
                }
                out.write(s.array(), s.arrayOffset() + s.position(), s.remaining());
            } else if (id == TraceDatOptions.HEADER_INFO) {
                throw new TraceDatException(0, "a HEADER_INFO option (where the ring buffer's "
                        + "formats are), found none");
            } else {
                // an empty block: a zero count or size (the command lines' size is 64 bits)
                out.write(new byte[id == TraceDatOptions.CMDLINES ? 8 : 4]);
            }
        }
        return ByteBuffer.wrap(out.toByteArray()).order(file.order());
    }

    /** A section's header, checked to be of {@code id}. */
    private ByteBuffer header(long at, int id) throws IOException {
        ByteBuffer h = file.readAll(at, SECTION_HEADER, "a section header");
        int found = h.getShort(0) & 0xffff;
        if (found != id) {
            throw new TraceDatException(at, "section " + id + " where an option points, found "
                    + "section " + found);
        }
        return h;
    }

    /** A section's data, decompressed when it is compressed. */
    private ByteBuffer section(long at, int id) throws IOException {
        ByteBuffer h = header(at, id);
        long size = h.getLong(8);
        if (size < 0 || size > MAX_SECTION) {
            throw new TraceDatException(at, "a section of at most " + MAX_SECTION + " bytes, "
                    + "found " + size);
        }
        ByteBuffer data = file.readAll(at + SECTION_HEADER, size, "section " + id);
        if ((h.getShort(2) & COMPRESSED) == 0) {
            return data;
        }
        if (compression == null || size < 8) {
            throw new TraceDatException(at, "an uncompressed section in a file that names no "
                    + "compression, found section " + id + " flagged compressed");
        }
        long compressed = data.getInt(0) & 0xffffffffL;
        long uncompressed = data.getInt(4) & 0xffffffffL;
        if (compressed > size - 8 || uncompressed > MAX_SECTION) {
            throw new TraceDatException(at, "section " + id + "'s compressed data inside it, "
                    + "found " + compressed + " bytes (" + uncompressed + " decompressed) in "
                    + size);
        }
        return ByteBuffer.wrap(compression.decompress(data.array(), 8, (int) compressed,
                (int) uncompressed, at + SECTION_HEADER)).order(file.order());
    }
}
