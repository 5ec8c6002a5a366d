package dev.ptrace.analyze.read.tracedat;

import dev.ptrace.analyze.read.TraceFacts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The options of a trace.dat (trace-cmd's TRACECMD_OPTION_*): each a 16-bit id, a 32-bit size
 * and its data. What they say of the capture becomes metadata; version 7 also finds its
 * sections and its CPUs' data through them.
 */
final class TraceDatOptions {
    private static final int DONE = 0;
    private static final int BUFFER = 3;
    private static final int TRACECLOCK = 4;
    private static final int UNAME = 5;
    private static final int OFFSET = 7;
    private static final int CPUCOUNT = 8;
    private static final int VERSION = 9;
    private static final int TIME_SHIFT = 12;
    private static final int TSC2NSEC = 14;
    private static final int BUFFER_TEXT = 22;
    /** Version 7's options that give where a section is: HEADER_INFO ... CMDLINES. */
    static final int HEADER_INFO = 16;
    static final int CMDLINES = 21;

    private final int version;
    private final Map<String, String> facts = new LinkedHashMap<>();
    /** Section offsets by option id (version 7). */
    final Map<Integer, Long> sections = new HashMap<>();
    final List<TraceDatLayout.CpuData> cpus = new ArrayList<>();
    private final Map<String, Long> notApplied = new TreeMap<>();
    private int instances;
    long timeOffset;
    /** The top instance's flyrecord section (version 7), -1 until its BUFFER option. */
    long flyrecord = -1;
    int pageSize;

    TraceDatOptions(int version) {
        this.version = version;
    }

    /**
     * Reads options up to DONE: in version 6 a bare id of 0; in version 7 an option whose data
     * is the offset of the next options section, which is returned (0: none).
     */
    long read(ByteBuffer in, long offset) {
        try {
            while (true) {
                int id = in.getShort() & 0xffff;
                if (id == DONE && version == 6) {
                    return 0;
                }
                int size = in.getInt();
                if (size < 0 || size > in.remaining()) {
                    throw new TraceDatException(offset + in.position(), "option " + id
                            + " of " + size + " bytes inside the options, found "
                            + in.remaining() + " left");
                }
                ByteBuffer data = in.slice(in.position(), size).order(in.order());
                in.position(in.position() + size);
                if (id == DONE) {
                    return data.getLong();
                }
                option(id, data, offset + in.position() - size);
            }
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException
                 | IllegalArgumentException e) {
            throw new TraceDatException(offset + in.position(), "options ending with DONE, "
                    + "found them cut short");
        }
    }

    private void option(int id, ByteBuffer data, long at) {
        switch (id) {
            case BUFFER -> buffer(data, at);
            case TRACECLOCK -> {
                String clocks = cString(data);
                int open = clocks.indexOf('[');
                int close = clocks.indexOf(']', open + 1);
                facts.put("trace clock", open >= 0 && close > open
                        ? clocks.substring(open + 1, close) : clocks.strip());
            }
            case UNAME -> {
                // sysname nodename release machine, as uname -a
                String[] uname = cString(data).strip().split(" ");
                if (uname.length >= 3) {
                    facts.put(TraceFacts.HOSTNAME, uname[1]);
                    facts.put(TraceFacts.OS_RELEASE, uname[2]);
                }
            }
            case OFFSET -> offset(cString(data).strip(), at);
            case CPUCOUNT -> facts.put(TraceFacts.NRCPUS, Integer.toString(data.getInt()));
            case VERSION -> facts.put("trace-cmd version", cString(data).strip());
            case TIME_SHIFT, TSC2NSEC -> notApplied.merge(id == TSC2NSEC ? "TSC2NSEC"
                    : "TIME_SHIFT", 1L, Long::sum);
            case BUFFER_TEXT -> {
                // the offset of its text, then the instance's name: the top one's is empty
                if (cString(data.position(8)).isEmpty()) {
                    throw new TraceDatException(at, "a flyrecord trace (the ring buffer's "
                            + "events), found a latency trace (text: read it with trace-cmd "
                            + "report)");
                }
                instances++;
            }
            default -> {
                if (id >= HEADER_INFO && id <= CMDLINES) {
                    sections.put(id, data.getLong());
                }
            }
        }
    }

    /** The ring buffer of an instance: the top one's CPUs are read, others are counted. */
    private void buffer(ByteBuffer data, long at) {
        long offset = data.getLong();
        String name = cString(data);
        if (!name.isEmpty() || version == 6) {
            instances++;
            return;
        }
        facts.put("trace clock", cString(data));
        flyrecord = offset;
        pageSize = data.getInt();
        int count = data.getInt();
        if (count < 0 || (long) count * 20 > data.remaining()) {
            throw new TraceDatException(at, "the CPUs of the top buffer inside its option, "
                    + "found " + count);
        }
        for (int i = 0; i < count; i++) {
            cpus.add(new TraceDatLayout.CpuData(data.getInt(), data.getLong(), data.getLong()));
        }
    }

    /** OFFSET: a number of nanoseconds added to each timestamp, as strtoll reads it. */
    private void offset(String value, long at) {
        try {
            timeOffset += Long.decode(value);
        } catch (NumberFormatException e) {
            throw new TraceDatException(at, "a number in the OFFSET option, found '" + value
                    + "'");
        }
    }

    /** What the options told of the capture, and what of them was not applied. */
    Map<String, String> facts() {
        Map<String, String> out = new LinkedHashMap<>(facts);
        if (instances > 0) {
            out.put("instances not read", Integer.toString(instances));
        }
        if (!notApplied.isEmpty()) {
            out.put("options not applied", notApplied.toString());
        }
        if (timeOffset != 0) {
            out.put("time offset", Long.toString(timeOffset));
        }
        return out;
    }

    /** A NUL-terminated string, the rest of the buffer when it has no NUL. */
    static String cString(ByteBuffer in) {
        int start = in.position();
        int end = start;
        while (end < in.limit() && in.get(end) != 0) {
            end++;
        }
        byte[] b = new byte[end - start];
        in.get(start, b);
        in.position(Math.min(in.limit(), end + 1));
        return new String(b, StandardCharsets.UTF_8);
    }

}
