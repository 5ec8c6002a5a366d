package dev.ptrace.analyze.read;

import dev.ptrace.analyze.read.perfdata.PerfDataReader;
import dev.ptrace.analyze.read.symbols.SymbolSources;
import dev.ptrace.analyze.read.tracedat.TraceDatReader;
import java.nio.ByteBuffer;
import java.util.function.Function;
import java.util.function.Predicate;

/** The binary capture formats the tool reads natively, each told by its first bytes. */
public enum BinaryFormat {
    PERF_DATA("perf.data", PerfDataReader::new, head -> PerfDataReader.order(head) != null,
            PerfDataReader::isPipe),
    /** trace-cmd's file: kernel addresses are named from its own kallsyms, as report does. */
    TRACE_CMD_DAT("trace.dat", symbols -> new TraceDatReader(), TraceDatReader::isTraceDat,
            head -> false);

    private final String displayName;
    private final Function<SymbolSources, BinaryTraceReader> reader;
    private final Predicate<ByteBuffer> magic;
    private final Predicate<ByteBuffer> stream;

    BinaryFormat(String displayName, Function<SymbolSources, BinaryTraceReader> reader,
                 Predicate<ByteBuffer> magic, Predicate<ByteBuffer> stream) {
        this.displayName = displayName;
        this.reader = reader;
        this.magic = magic;
        this.stream = stream;
    }

    public String displayName() {
        return displayName;
    }

    public BinaryTraceReader newReader(SymbolSources symbols) {
        return reader.apply(symbols);
    }

    /** The format whose magic {@code head} starts with, or null. */
    public static BinaryFormat detect(ByteBuffer head) {
        for (BinaryFormat f : values()) {
            if (f.magic.test(head.duplicate())) {
                return f;
            }
        }
        return null;
    }

    /** Whether a capture starting with {@code head} reads front to back (a pipe's). */
    public boolean streams(ByteBuffer head) {
        return stream.test(head.duplicate());
    }

    /** Whether {@code displayName} is one of these formats' (an ingested trace's format). */
    public static boolean isBinary(String displayName) {
        for (BinaryFormat f : values()) {
            if (f.displayName.equals(displayName)) {
                return true;
            }
        }
        return false;
    }
}
