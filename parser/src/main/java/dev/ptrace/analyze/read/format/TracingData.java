package dev.ptrace.analyze.read.format;

import dev.ptrace.analyze.read.ByteBuffers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The event formats of a capture, in the layout trace-cmd's version 6 files begin with and
 * perf.data carries as its tracing data (perf's {@code util/trace-event-read.c}): magic
 * {@code \027\010\104tracing}, a version string, byte order, size of long, page size, the
 * ring buffer's header_page and header_event formats, ftrace's own event formats, every
 * recorded system's event formats, kallsyms, printk formats and (version 0.6 and 6 on) the
 * saved command lines. Read from a buffer positioned at the magic; it is left after what
 * was read, where trace.dat goes on with its CPU count and options.
 *
 * @param version     the version string ({@code 0.6} from perf, {@code 6} from trace-cmd)
 * @param order       the byte order of the capture's numbers
 * @param longSize    bytes of the traced kernel's {@code long}
 * @param pageSize    bytes of the traced kernel's page (ring-buffer pages in trace.dat)
 * @param headerPage  the ring buffer's page header format
 * @param formats     every event format, ftrace's and the systems'
 * @param kallsyms    the traced kernel's /proc/kallsyms as recorded (perf records none)
 * @param printk      the printk format strings ({@code ADDR : "text"} lines)
 * @param cmdlines    saved command lines ({@code PID COMM} lines), empty when not recorded
 */
public record TracingData(String version, ByteOrder order, int longSize, int pageSize,
                          String headerPage, EventFormats formats, String kallsyms,
                          String printk, String cmdlines) {
    static final byte[] MAGIC = {0x17, 0x08, 0x44, 't', 'r', 'a', 'c', 'i', 'n', 'g'};

    /** Whether {@code head} starts with the tracing-data magic. */
    public static boolean startsWithMagic(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the tracing data at {@code in}'s position.
     *
     * @param withCmdlines whether saved command lines follow the printk formats (perf's 0.6
     *                     and trace-cmd's 6; trace-cmd's 7 keeps them in a section of its own)
     * @throws FormatException when the bytes do not have this layout
     */
    public static TracingData read(ByteBuffer in, boolean withCmdlines) {
        try {
            return readUnchecked(in, withCmdlines);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException
                 | IllegalArgumentException e) {
            throw new FormatException("tracing data (event formats) complete, found it cut "
                    + "short at byte " + in.position());
        }
    }

    private static TracingData readUnchecked(ByteBuffer in, boolean withCmdlines) {
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!startsWithMagic(magic)) {
            throw new FormatException("tracing data starting with \\027\\010\\104tracing");
        }
        String version = cString(in);
        ByteOrder order = in.get() == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        in.order(order);
        int longSize = in.get();
        int pageSize = in.getInt();
        String headerPage = headerFile(in, "header_page");
        headerFile(in, "header_event");
        EventFormats formats = new EventFormats();
        int ftraceFiles = in.getInt();
        for (int i = 0; i < ftraceFiles; i++) {
            formats.parse("ftrace", text(in, in.getLong()), longSize);
        }
        int systems = in.getInt();
        for (int s = 0; s < systems; s++) {
            String system = cString(in);
            int events = in.getInt();
            for (int e = 0; e < events; e++) {
                formats.parse(system, text(in, in.getLong()), longSize);
            }
        }
        String kallsyms = text(in, in.getInt() & 0xffffffffL);
        String printk = text(in, in.getInt() & 0xffffffffL);
        String cmdlines = withCmdlines && in.hasRemaining() ? text(in, in.getLong()) : "";
        return new TracingData(version, order, longSize, pageSize, headerPage, formats,
                kallsyms, printk, cmdlines);
    }

    /** {@code name\0}, a u64 size, then the file. */
    private static String headerFile(ByteBuffer in, String name) {
        String found = cString(in);
        if (!found.equals(name)) {
            throw new FormatException("'" + name + "' in the tracing data, found '" + found
                    + "'");
        }
        return text(in, in.getLong());
    }

    static String cString(ByteBuffer in) {
        int start = in.position();
        while (in.get() != 0) {
            // up to the NUL
        }
        byte[] b = new byte[in.position() - start - 1];
        ByteBuffers.copy(in, start, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer in, long size) {
        if (size < 0 || size > in.remaining()) {
            throw new FormatException("a block of " + size + " bytes in the tracing data, found "
                    + in.remaining() + " left");
        }
        byte[] b = new byte[(int) size];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The saved command lines as (pid, comm) pairs. */
    public List<String[]> savedCmdlines() {
        List<String[]> out = new ArrayList<>();
        for (String line : cmdlines.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                out.add(new String[] {line.substring(0, space), line.substring(space + 1)});
            }
        }
        return out;
    }
}
