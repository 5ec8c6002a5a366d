package dev.ptrace.analyze.read.tracedat;

import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.read.BinaryInput;
import dev.ptrace.analyze.read.BinaryTraceReader;
import dev.ptrace.analyze.read.InputException;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.format.FormatException;
import dev.ptrace.analyze.read.format.TracingData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads trace-cmd's trace.dat natively, versions 6 and 7 (its sections uncompressed, or
 * compressed with zstd or zlib): the event formats and the rest of the header, then the
 * ring-buffer pages of each CPU of the top instance, streamed a page (or a compressed chunk) at
 * a time and merged by time. Each event becomes what its line of {@code trace-cmd report -t}
 * gives the text reader.
 */
public final class TraceDatReader implements BinaryTraceReader {
    private static final int MAGIC = 10;
    /** Ring-buffer sub-buffers are a page up to a megabyte; larger is a damaged header. */
    private static final int MAX_PAGE = 16 << 20;

    /** Whether a capture starting with {@code head} is a trace.dat. */
    public static boolean isTraceDat(ByteBuffer head) {
        byte[] magic = new byte[Math.min(MAGIC, head.remaining())];
        head.get(head.position(), magic);
        return TracingData.startsWithMagic(magic);
    }

    @Override
    public long read(BinaryInput in, EventSink sink, ProblemLog problems) {
        try {
            return readOrThrow(in, sink, problems);
        } catch (TraceDatException e) {
            throw InputException.atOffset(in.name(), e.offset(), e.getMessage());
        } catch (FormatException e) {
            throw InputException.atOffset(in.name(), -1, "the event formats (tracing data): "
                    + e.getMessage());
        } catch (IOException e) {
            throw new InputException(in.name(), 0, "cannot read: " + e.getMessage(), e);
        }
    }

    private static long readOrThrow(BinaryInput in, EventSink sink, ProblemLog problems)
            throws IOException {
        if (in.file() == null) {
            throw new TraceDatException(0, "a trace.dat file to read from, found one on a pipe "
                    + "(its CPUs' data are read side by side: give the file, or a .gz of it)");
        }
        ByteBuffer head = in.head();
        head.position(MAGIC);
        String version = TraceDatOptions.cString(head);
        if (!head.hasRemaining()) {
            throw new TraceDatException(head.position(), "the byte order after the version, "
                    + "found the file ending");
        }
        ByteOrder order = head.get() == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        FileBytes file = new FileBytes(in.file(), order);
        TraceDatLayout layout = switch (version) {
            case "6" -> V6Layout.read(file);
            case "7" -> V7Layout.read(file);
            default -> throw new TraceDatException(MAGIC, "trace.dat version 6 or 7, found '"
                    + version + "'");
        };
        int commitSize = RingBufferPage.commitSize(layout.data().headerPage(),
                layout.data().longSize());
        if (layout.pageSize() <= 8 + commitSize || layout.pageSize() > MAX_PAGE) {
            throw new TraceDatException(-1, "a ring-buffer page size of at most " + MAX_PAGE
                    + " bytes, found " + layout.pageSize());
        }
        KernelFunctions functions = KernelFunctions.parse(layout.data().kallsyms());
        List<CpuStream> cpus = new ArrayList<>();
        for (TraceDatLayout.CpuData cpu : layout.cpus()) {
            if (cpu.size() > 0) {
                CpuPages pages = layout.compression() == null
                        ? new FilePages(file, cpu, layout.pageSize())
                        : new ChunkPages(file, cpu, layout.pageSize(), layout.compression());
                cpus.add(new CpuStream(cpu.cpu(), pages, new RingBufferPage(commitSize),
                        problems));
            }
        }
        TraceDatEvents events = new TraceDatEvents(sink, problems, layout, functions,
                commitSize);
        events.read(cpus);
        Map<String, String> facts = new LinkedHashMap<>(layout.facts());
        facts.put("trace.dat version", version);
        events.finish(facts);
        return events.records();
    }
}
