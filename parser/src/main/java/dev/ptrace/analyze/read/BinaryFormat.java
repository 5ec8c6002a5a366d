package dev.ptrace.analyze.read;

import dev.ptrace.analyze.read.perfdata.PerfDataReader;
import dev.ptrace.analyze.read.symbols.SymbolSources;
import java.nio.ByteBuffer;
import java.util.function.Function;

/** The binary capture formats the tool reads natively, each told by its first bytes. */
public enum BinaryFormat {
    PERF_DATA("perf.data", PerfDataReader::new);

    private final String displayName;
    private final Function<SymbolSources, BinaryTraceReader> reader;

    BinaryFormat(String displayName, Function<SymbolSources, BinaryTraceReader> reader) {
        this.displayName = displayName;
        this.reader = reader;
    }

    public String displayName() {
        return displayName;
    }

    public BinaryTraceReader newReader(SymbolSources symbols) {
        return reader.apply(symbols);
    }

    /** The format whose magic {@code head} starts with, or null. */
    public static BinaryFormat detect(ByteBuffer head) {
        if (PerfDataReader.order(head.duplicate()) != null) {
            return PERF_DATA;
        }
        return null;
    }

    /** Whether a capture starting with {@code head} reads front to back (a pipe's). */
    public boolean streams(ByteBuffer head) {
        return PerfDataReader.isPipe(head.duplicate());
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
