package dev.ptrace.analyze.read.perfdata;

import dev.ptrace.analyze.read.ByteBuffers;
import dev.ptrace.analyze.read.TraceFacts;
import dev.ptrace.analyze.read.format.TracingData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What perf.data's feature sections (util/header.c, HEADER_*) say about a capture: the
 * machine, the command, the events' names, the build ids of the binaries sampled, the event
 * formats (tracing data), compression. The facts are kept under the keys and in the words
 * {@code perf script --header} prints them, so that a capture read natively and its text
 * give the same metadata.
 */
final class PerfFeatures {
    /** HEADER_* feature ids, as bits of the header's feature bitmap. */
    static final int TRACING_DATA = 1;
    static final int BUILD_ID = 2;
    static final int HOSTNAME = 3;
    static final int OSRELEASE = 4;
    static final int VERSION = 5;
    static final int ARCH = 6;
    static final int NRCPUS = 7;
    static final int CPUDESC = 8;
    static final int CPUID = 9;
    static final int TOTAL_MEM = 10;
    static final int CMDLINE = 11;
    static final int EVENT_DESC = 12;
    static final int SAMPLE_TIME = 21;
    static final int CLOCKID = 23;
    static final int COMPRESSED = 27;
    static final int CLOCK_DATA = 29;
    /** The features this reader reads; the others are skipped. */
    static final String[] NAMES = new String[32];

    static {
        NAMES[TRACING_DATA] = "tracing data";
        NAMES[BUILD_ID] = "build id";
        NAMES[HOSTNAME] = "hostname";
        NAMES[OSRELEASE] = "os release";
        NAMES[VERSION] = "perf version";
        NAMES[ARCH] = "arch";
        NAMES[NRCPUS] = "nrcpus";
        NAMES[CPUDESC] = "cpudesc";
        NAMES[CPUID] = "cpuid";
        NAMES[TOTAL_MEM] = "total memory";
        NAMES[CMDLINE] = "cmdline";
        NAMES[EVENT_DESC] = "event desc";
        NAMES[SAMPLE_TIME] = "sample time";
        NAMES[CLOCKID] = "clockid";
        NAMES[COMPRESSED] = "compressed";
        NAMES[CLOCK_DATA] = "clock data";
    }

    /** A binary perf sampled, by the id its build gave it. */
    record BuildId(int pid, String buildId, String filename, boolean kernel) {
    }

    final Map<String, String> metadata = new LinkedHashMap<>();
    /** Event names by sample id (EVENT_DESC). */
    final Map<Long, String> eventNames = new HashMap<>();
    final List<String> eventDescriptions = new ArrayList<>();
    final List<BuildId> buildIds = new ArrayList<>();
    TracingData tracingData;
    /** Bytes a compressed record decompresses to at most; 0 when not compressed. */
    int compressedMmapLen;
    int compressionType;
    long firstSampleNs = -1;
    long lastSampleNs = -1;

    /** Reads feature {@code id} from {@code b} (positioned at it, limited to it). */
    void read(int id, ByteBuffer b) {
        switch (id) {
            case TRACING_DATA -> tracingData = TracingData.read(b, true);
            case BUILD_ID -> buildIds(b);
            case HOSTNAME -> metadata.put(TraceFacts.HOSTNAME, string(b));
            case OSRELEASE -> metadata.put(TraceFacts.OS_RELEASE, string(b));
            case VERSION -> metadata.put("perf version", string(b));
            case ARCH -> metadata.put("arch", string(b));
            case NRCPUS -> {
                int avail = b.getInt();
                int online = b.getInt();
                metadata.put(TraceFacts.NRCPUS, Integer.toString(online));
                metadata.put("nrcpus avail", Integer.toString(avail));
            }
            case CPUDESC -> metadata.put("cpudesc", string(b));
            case CPUID -> metadata.put("cpuid", string(b));
            case TOTAL_MEM -> metadata.put("total memory", b.getLong() + " kB");
            case CMDLINE -> {
                int n = count(b, b.getInt(), 4);
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    s.append(string(b)).append(' ');
                }
                metadata.put(TraceFacts.CMDLINE, s.toString().strip());
            }
            case EVENT_DESC -> eventDesc(b);
            case SAMPLE_TIME -> {
                firstSampleNs = b.getLong();
                lastSampleNs = b.getLong();
                metadata.put("time of first sample", seconds(firstSampleNs));
                metadata.put("time of last sample", seconds(lastSampleNs));
                metadata.put("sample duration", String.format(Locale.ROOT, "%10.3f ms",
                        (lastSampleNs - firstSampleNs) / 1e6));
            }
            case CLOCKID -> metadata.put("clockid frequency", (1_000_000_000L
                    / Math.max(1, b.getLong()) / 1_000_000) + " MHz");
            case COMPRESSED -> {
                b.getInt(); // version
                compressionType = b.getInt();
                int level = b.getInt();
                int ratio = b.getInt();
                compressedMmapLen = b.getInt();
                metadata.put("compressed", (compressionType == 1 ? "Zstd" : "type "
                        + compressionType) + ", level = " + level + ", ratio = " + ratio);
            }
            case CLOCK_DATA -> {
                b.getInt(); // version
                int clockid = b.getInt();
                long wall = b.getLong();
                long clock = b.getLong();
                metadata.put("clockid", Integer.toString(clockid));
                metadata.put("clock wall ns", Long.toString(wall));
                metadata.put("clock reference ns", Long.toString(clock));
            }
            default -> {
                // not read: no figure of the tool depends on it
            }
        }
    }

    private void eventDesc(ByteBuffer b) {
        int events = count(b, b.getInt(), 8);
        int attrSize = b.getInt();
        if (attrSize < PerfEventAttr.SIZE_VER0 || attrSize > b.remaining()) {
            throw new IllegalArgumentException("an attr of " + attrSize + " bytes");
        }
        for (int e = 0; e < events; e++) {
            int at = b.position();
            PerfEventAttr attr = PerfEventAttr.read(b, at, attrSize);
            b.position(at + attrSize);
            int ids = count(b, b.getInt(), 8);
            String name = string(b);
            List<Long> idList = new ArrayList<>();
            for (int i = 0; i < ids; i++) {
                long id = b.getLong();
                idList.add(id);
                eventNames.put(id, name);
            }
            eventDescriptions.add("name = " + name + ", id = " + idList.toString()
                    .replace('[', '{').replace(']', '}') + ", type = " + attr.type()
                    + ", config = 0x" + Long.toHexString(attr.config()));
        }
        for (int i = 0; i < eventDescriptions.size(); i++) {
            metadata.put(i == 0 ? "event" : "event " + (i + 1), eventDescriptions.get(i));
        }
    }

    /** A count of items of at least {@code bytes} each that the rest of {@code b} can hold. */
    private static int count(ByteBuffer b, int n, int bytes) {
        if (n < 0 || n > b.remaining() / bytes) {
            throw new IllegalArgumentException(n + " items in " + b.remaining() + " bytes");
        }
        return n;
    }

    /** PERF_RECORD_MISC_BUILD_ID_SIZE: the build id's length is in the byte after it. */
    private static final int MISC_BUILD_ID_SIZE = 1 << 15;
    private static final int MISC_CPUMODE_MASK = 7;
    private static final int MISC_KERNEL = 1;
    private static final int MISC_GUEST_KERNEL = 4;

    private void buildIds(ByteBuffer b) {
        while (b.remaining() >= 8 + 4 + 24) {
            int at = b.position();
            int misc = b.getShort(at + 4) & 0xffff;
            int size = b.getShort(at + 6) & 0xffff;
            if (size < 36 || size > b.remaining()) {
                break;
            }
            int pid = b.getInt(at + 8);
            int length = (misc & MISC_BUILD_ID_SIZE) != 0 ? b.get(at + 12 + 20) & 0xff : 20;
            byte[] id = new byte[Math.min(length, 20)];
            ByteBuffers.copy(b, at + 12, id);
            byte[] name = new byte[size - 36];
            ByteBuffers.copy(b, at + 36, name);
            int mode = misc & MISC_CPUMODE_MASK;
            buildIds.add(new BuildId(pid, HexFormat.of().formatHex(id), cString(name),
                    mode == MISC_KERNEL || mode == MISC_GUEST_KERNEL));
            b.position(at + size);
        }
    }

    /** perf's {@code struct perf_header_string}: a u32 length, then NUL-padded bytes. */
    static String string(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("a string of " + len + " bytes");
        }
        byte[] bytes = new byte[len];
        b.get(bytes);
        return cString(bytes);
    }

    static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%d.%06d", ns / 1_000_000_000L,
                ns % 1_000_000_000L / 1000);
    }
}
