package dev.ptrace.analyze.read.perfdata;

import dev.ptrace.analyze.read.ByteBuffers;
import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.Sample;
import dev.ptrace.analyze.event.TraceEvent;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.SkipReason;
import dev.ptrace.analyze.read.TraceFacts;
import dev.ptrace.analyze.read.format.EventFormat;
import dev.ptrace.analyze.read.format.RawEvent;
import dev.ptrace.analyze.read.format.TracepointDecoder;
import dev.ptrace.analyze.read.tracepoint.PayloadException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One perf.data capture being read: the events and their sample ids, the threads and
 * mappings the side-band records build, the records in time order as perf script sees them,
 * and each sample turned into the event its {@code perf script} line gives.
 */
final class PerfSession {
    /** perf's callchain context markers are the top 4095 values of a u64. */
    private static final long CONTEXT_MAX = -4095L;
    private static final long CONTEXT_KERNEL = -128L;
    private static final long CONTEXT_USER = -512L;
    private static final long CONTEXT_GUEST_KERNEL = -2176L;
    /** perf script's scripting_max_stack: addresses of a chain past this are not shown. */
    private static final int MAX_STACK = 127;
    private static final int MISC_CPUMODE_MASK = 7;
    private static final int MISC_KERNEL = 1;
    private static final int MISC_GUEST_KERNEL = 4;
    private static final int MISC_MMAP_BUILD_ID = 1 << 14;

    private final String name;
    private final EventSink sink;
    private final ProblemLog problems;
    private final ByteOrder order;
    private final PerfFeatures features;
    private final Map<Long, PerfEventAttr> attrsById = new HashMap<>();
    private final List<PerfEventAttr> attrs = new ArrayList<>();
    private final Map<PerfEventAttr, String> attrNames = new java.util.IdentityHashMap<>();
    private final Threads threads = new Threads();
    private final AddressSpaces spaces = new AddressSpaces();
    private final OrderedRecords ordered;
    private final CallchainIds chains = new CallchainIds();
    private final Map<String, Long> recordCounts = new TreeMap<>();
    private final Map<String, Long> notDecoded = new TreeMap<>();
    private final KernelSymbolsChoice kernel;
    private FrameNames frames;
    private TracepointDecoder decoder;
    private long nextStackId;
    private long seq;
    private long lost;
    private boolean identifier;

    PerfSession(String name, EventSink sink, ProblemLog problems, ByteOrder order,
                PerfFeatures features, KernelSymbolsChoice kernel) {
        this.name = name;
        this.sink = sink;
        this.problems = problems;
        this.order = order;
        this.features = features;
        this.kernel = kernel;
        this.ordered = new OrderedRecords(this::deliverChecked, order);
    }

    /** An event of the capture, with the sample ids its records carry. */
    void attr(PerfEventAttr attr, long[] ids) {
        attrs.add(attr);
        for (long id : ids) {
            attrsById.put(id, attr);
        }
        identifier = attr.has(SampleType.IDENTIFIER);
    }

    /** A name for the event of sample id {@code id} (EVENT_DESC, EVENT_UPDATE). */
    void eventName(long id, String eventName) {
        features.eventNames.put(id, eventName);
    }

    /** Reads one record of the data stream (kernel records are queued in time order). */
    void record(ByteBuffer b, int start, int size, long offset) {
        int type = b.getInt(start);
        count(recordCounts, RecordType.name(type));
        if (type == RecordType.FINISHED_ROUND.id) {
            ordered.round();
            return;
        }
        if (type >= 64) {
            notDecoded(type);
            return;
        }
        long time = time(b, start, size, type);
        if (time == -1) {
            deliver(b, start, size, offset);
            return;
        }
        ordered.add(time, b, start, size, offset);
    }

    /** The input ends inside a record at {@code offset}: what came before is kept. */
    void cut(long offset, String message) {
        problems.skip(offset, SkipReason.TRUNCATED_INPUT, message, null);
    }

    /** Damage that ends the readable data at {@code offset}. */
    void unreadable(long offset, String message) {
        problems.skip(offset, SkipReason.MALFORMED_RECORD, message, null);
    }

    /** A record whose fields do not fit it: counted, not read. */
    void malformed(long offset, String expected) {
        problems.skip(offset, SkipReason.MALFORMED_RECORD, "expected a " + expected, null);
    }

    /** Counts a record of a type perf writes that tells this tool nothing. */
    void notDecoded(int type) {
        count(notDecoded, RecordType.name(type));
    }

    private static void count(Map<String, Long> counts, String key) {
        counts.merge(key, 1L, Long::sum);
    }

    /** The time of a kernel record, -1 when it has none (it is then handed on at once). */
    private long time(ByteBuffer b, int start, int size, int type) {
        PerfEventAttr attr = attrOf(b, start, size, type);
        if (attr == null) {
            return -1;
        }
        if (type == RecordType.SAMPLE.id) {
            int at = SampleFields.timeOffset(attr.sampleType());
            return at < 0 || at + 8 > size ? -1 : b.getLong(start + at);
        }
        if (!attr.sampleIdAll() || !attr.has(SampleType.TIME)) {
            return -1;
        }
        int at = trailerStart(start, size, attr) + (attr.has(SampleType.TID) ? 8 : 0);
        return at < start ? -1 : b.getLong(at);
    }

    /** Where a non-sample record's sample id fields start (sample_id_all). */
    private static int trailerStart(int start, int size, PerfEventAttr attr) {
        long t = attr.sampleType();
        int fields = Long.bitCount(t & (SampleType.TID | SampleType.TIME | SampleType.ID
                | SampleType.STREAM_ID | SampleType.CPU | SampleType.IDENTIFIER));
        return start + size - 8 * fields;
    }

    /** The event a record belongs to. */
    private PerfEventAttr attrOf(ByteBuffer b, int start, int size, int type) {
        if (attrs.size() == 1) {
            return attrs.get(0);
        }
        if (attrs.isEmpty()) {
            return null;
        }
        PerfEventAttr first = attrs.get(0);
        int at;
        if (type == RecordType.SAMPLE.id) {
            at = SampleFields.idOffset(first.sampleType());
        } else if (!first.sampleIdAll()) {
            return first;
        } else if (identifier) {
            at = size - 8;
        } else if (first.has(SampleType.ID)) {
            long t = first.sampleType();
            at = size - 8 * (1 + Long.bitCount(t & (SampleType.STREAM_ID | SampleType.CPU)));
        } else {
            return first;
        }
        if (at < 0 || at + 8 > size) {
            return first;
        }
        PerfEventAttr attr = attrsById.get(b.getLong(start + at));
        return attr != null ? attr : first;
    }

    private void deliverChecked(ByteBuffer b, int start, int size, long offset) {
        try {
            deliver(b, start, size, offset);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            malformed(offset, RecordType.name(b.getInt(start)) + " record of " + size
                    + " bytes whose fields fit it");
        }
    }

    private void deliver(ByteBuffer b, int start, int size, long offset) {
        int type = b.getInt(start);
        RecordType t = RecordType.of(type);
        if (t == null) {
            notDecoded(type);
            return;
        }
        switch (t) {
            case SAMPLE -> sample(b, start, size, offset);
            case COMM -> {
                int end = sideBandEnd(b, start, size, type);
                threads.comm(b.getInt(start + 8), b.getInt(start + 12),
                        string(b, start + 16, end));
            }
            case FORK -> {
                int pid = b.getInt(start + 8);
                int ppid = b.getInt(start + 12);
                threads.fork(pid, b.getInt(start + 16), b.getInt(start + 20));
                spaces.fork(pid, ppid);
            }
            case MMAP -> mmap(b, start, size, type, false);
            case MMAP2 -> mmap(b, start, size, type, true);
            case LOST -> lost += b.getLong(start + 16);
            case LOST_SAMPLES -> lost += b.getLong(start + 8);
            case EXIT -> {
                // the thread's name stays for its last samples, as perf keeps it
            }
            default -> notDecoded(type);
        }
    }

    /** Where a side-band record's own data ends (its sample id fields follow). */
    private int sideBandEnd(ByteBuffer b, int start, int size, int type) {
        PerfEventAttr attr = attrOf(b, start, size, type);
        return attr != null && attr.sampleIdAll() ? trailerStart(start, size, attr)
                : start + size;
    }

    private void mmap(ByteBuffer b, int start, int size, int type, boolean two) {
        int pid = b.getInt(start + 8);
        long addr = b.getLong(start + 16);
        long len = b.getLong(start + 24);
        long pgoff = b.getLong(start + 32);
        int misc = b.getShort(start + 4) & 0xffff;
        String buildId = null;
        if (two && (misc & MISC_MMAP_BUILD_ID) != 0) {
            int n = Math.min(20, b.get(start + 40) & 0xff);
            byte[] id = new byte[n];
            ByteBuffers.copy(b, start + 44, id);
            buildId = java.util.HexFormat.of().formatHex(id);
        }
        String file = string(b, start + (two ? 72 : 40), sideBandEnd(b, start, size, type));
        int mode = misc & MISC_CPUMODE_MASK;
        boolean kernelMap = mode == MISC_KERNEL || mode == MISC_GUEST_KERNEL;
        if (kernelMap && file.startsWith(FrameNames.KERNEL_DSO)) {
            kernel.captureText(pgoff);
        }
        spaces.map(kernelMap ? AddressSpaces.KERNEL : pid,
                new AddressSpaces.Mapping(addr, addr + len, pgoff, file, buildId));
    }

    private static String string(ByteBuffer b, int from, int to) {
        int end = from;
        while (end < to && b.get(end) != 0) {
            end++;
        }
        byte[] s = new byte[Math.max(0, end - from)];
        ByteBuffers.copy(b, from, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private void sample(ByteBuffer b, int start, int size, long offset) {
        PerfEventAttr attr = attrOf(b, start, size, RecordType.SAMPLE.id);
        if (attr == null) {
            problems.skip(offset, SkipReason.UNDECODED_EVENT, "a sample of an event the "
                    + "file's header describes, found one before any", null);
            return;
        }
        SampleFields s;
        try {
            s = SampleFields.read(b, start, size, attr, offset);
        } catch (PerfDataException e) {
            problems.skip(offset, SkipReason.MALFORMED_RECORD, e.getMessage(), null);
            return;
        }
        String event = eventName(attr, b, s);
        int misc = b.getShort(start + 4) & 0xffff;
        long stackId = stack(b, s, misc, attr.isTracepoint());
        EventHeader h = new EventHeader(seq, offset, Math.max(s.time(), 0), s.cpu(), s.pid(),
                s.tid(), threads.comm(s.tid()), event, stackId);
        TraceEvent e;
        if (!attr.isTracepoint()) {
            e = new Sample(h, s.period());
        } else {
            e = tracepoint(h, b, s, offset);
            if (e == null) {
                return;
            }
        }
        seq++;
        sink.item(e);
    }

    private TraceEvent tracepoint(EventHeader h, ByteBuffer b, SampleFields s, long offset) {
        if (s.rawAt() < 0) {
            problems.skip(offset, SkipReason.UNDECODED_EVENT, h.event() + ": a tracepoint "
                    + "sample with its raw data (perf record -R), found none", null);
            return null;
        }
        RawEvent raw = new RawEvent(b, s.rawAt(), s.rawSize());
        EventFormat f = features.tracingData == null ? null
                : features.tracingData.formats().byId(raw.type());
        if (f == null) {
            problems.skip(offset, SkipReason.UNDECODED_EVENT, h.event() + ": a tracepoint whose "
                    + "format the file records, found id " + raw.type() + " without one", null);
            return null;
        }
        try {
            return decoder().decode(h, f, raw);
        } catch (PayloadException e) {
            problems.skip(offset, SkipReason.MALFORMED_PAYLOAD, h.event() + ": "
                    + e.getMessage(), decoder().render(f, raw));
            return null;
        }
    }

    private TracepointDecoder decoder() {
        if (decoder == null) {
            decoder = new TracepointDecoder((address, withOffset) -> {
                Frame f = frames().frame(-1, true, address);
                if (f.symbol() == null) {
                    return null;
                }
                return withOffset ? f.symbol() + "+0x" + Long.toHexString(f.offset())
                        : f.symbol();
            });
        }
        return decoder;
    }

    private FrameNames frames() {
        if (frames == null) {
            Map<String, String> ids = new HashMap<>();
            features.buildIds.forEach(id -> ids.put(id.filename(), id.buildId()));
            frames = new FrameNames(kernel.symbols(features), spaces, ids, kernel.sources());
        }
        return frames;
    }

    /** The name perf script prints for the event. */
    private String eventName(PerfEventAttr attr, ByteBuffer b, SampleFields s) {
        String known = attrNames.get(attr);
        if (known != null) {
            return known;
        }
        String n = null;
        for (Map.Entry<Long, PerfEventAttr> e : attrsById.entrySet()) {
            if (e.getValue() == attr && features.eventNames.containsKey(e.getKey())) {
                n = features.eventNames.get(e.getKey());
                break;
            }
        }
        if (n == null && attr.isTracepoint() && features.tracingData != null) {
            EventFormat f = features.tracingData.formats().byId((int) attr.config());
            n = f == null ? null : f.qualifiedName();
        }
        if (n == null) {
            n = "type" + attr.type() + ":0x" + Long.toHexString(attr.config());
        }
        attrNames.put(attr, n);
        return n;
    }

    /** The stack id of a sample: its callchain, or for a sampled event its one address. */
    private long stack(ByteBuffer b, SampleFields s, int misc, boolean tracepoint) {
        long[] words;
        if (s.callchainAt() >= 0) {
            boolean user = false;
            for (int i = 0; i < s.callchainCount() && !user; i++) {
                user = b.getLong(s.callchainAt() + 8 * i) == CONTEXT_USER;
            }
            long process = user ? s.pid() : -1;
            long id = chains.find(process, b, s.callchainAt(), s.callchainCount());
            if (id != -1) {
                return id;
            }
            words = CallchainIds.words(process, b, s.callchainAt(), s.callchainCount());
        } else if (!tracepoint) {
            int mode = misc & MISC_CPUMODE_MASK;
            boolean kernelMode = mode == MISC_KERNEL || mode == MISC_GUEST_KERNEL;
            words = CallchainIds.words(kernelMode ? -1 : s.pid(),
                    kernelMode ? CONTEXT_KERNEL : CONTEXT_USER, s.ip());
            long id = chains.find(words);
            if (id != -1) {
                return id;
            }
        } else {
            return EventHeader.NO_STACK;
        }
        List<Frame> list = frames(words, s.pid());
        long id = list.isEmpty() ? EventHeader.NO_STACK : nextStackId++;
        chains.add(words, id);
        if (!list.isEmpty()) {
            sink.stack(id, list);
        }
        return id;
    }

    /** The frames of a chain, leaf first, as perf script prints them. */
    private List<Frame> frames(long[] words, int pid) {
        List<Frame> out = new ArrayList<>();
        boolean kernelMode = false;
        for (int i = 1; i < words.length && out.size() < MAX_STACK; i++) {
            long ip = words[i];
            if (Long.compareUnsigned(ip, CONTEXT_MAX) >= 0) {
                if (ip == CONTEXT_KERNEL || ip == CONTEXT_GUEST_KERNEL) {
                    kernelMode = true;
                } else if (ip == CONTEXT_USER || ip == -2560L) {
                    kernelMode = false;
                } else if (ip != -32L && ip != -2048L) {
                    return List.of(); // perf discards a chain with an unknown marker
                }
                continue;
            }
            out.add(frames().frame(pid, kernelMode, ip));
        }
        return out;
    }

    /** At the end of the data: the rest in order, then what the capture says of itself. */
    void finish() {
        ordered.finish();
        Map<String, String> facts = new LinkedHashMap<>(features.metadata);
        facts.put(TraceFacts.TIMESTAMP_DIGITS, "9");
        facts.put(TraceFacts.RECORDS, summary(recordCounts));
        if (!notDecoded.isEmpty()) {
            facts.put(TraceFacts.RECORDS_NOT_DECODED, summary(notDecoded));
        }
        if (lost > 0 || recordCounts.containsKey("LOST")
                || recordCounts.containsKey("LOST_SAMPLES")) {
            facts.put(TraceFacts.LOST_EVENTS, Long.toString(lost));
        }
        if (ordered.outOfOrder() > 0) {
            facts.put(TraceFacts.EVENTS_OUT_OF_ORDER, Long.toString(ordered.outOfOrder()));
        }
        if (frames != null && !frames.unnamedFiles().isEmpty()) {
            facts.put(TraceFacts.UNNAMED_FRAMES, String.join("; ", frames.unnamedFiles()));
        }
        facts.put(TraceFacts.KERNEL_SYMBOLS, kernel.description());
        if (features.tracingData != null
                && !features.tracingData.formats().unreadable().isEmpty()) {
            facts.put(TraceFacts.UNREADABLE_FORMATS,
                    String.join("; ", features.tracingData.formats().unreadable()));
        }
        facts.forEach(sink::metadata);
    }

    long records() {
        return recordCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String summary(Map<String, Long> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(v));
        return s.toString();
    }

    String name() {
        return name;
    }
}
