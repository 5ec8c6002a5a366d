package dev.ptrace.analyze.read.perfdata;

import java.nio.ByteBuffer;

/**
 * The parts of a {@code struct perf_event_attr} (include/uapi/linux/perf_event.h) that say
 * what an event is and how its records are laid out.
 *
 * @param type          PERF_TYPE_*: 2 is a tracepoint (config is its format id)
 * @param config        the event within its type
 * @param samplePeriod  the period (or frequency, when {@link #freq}) sampled at
 * @param sampleType    PERF_SAMPLE_* bits: which fields a sample has
 * @param readFormat    PERF_FORMAT_* bits: the layout of a sample's read values
 * @param freq          whether {@code samplePeriod} is a frequency
 * @param sampleIdAll   whether records other than samples end with the sample id fields
 * @param sampleRegsUser   registers saved by PERF_SAMPLE_REGS_USER (a bit mask)
 * @param sampleRegsIntr   registers saved by PERF_SAMPLE_REGS_INTR (a bit mask)
 * @param branchSampleType PERF_SAMPLE_BRANCH_* bits (HW_INDEX adds a field)
 */
public record PerfEventAttr(int type, long config, long samplePeriod, long sampleType,
                            long readFormat, boolean freq, boolean sampleIdAll,
                            long sampleRegsUser, long sampleRegsIntr, long branchSampleType) {
    public static final int TYPE_TRACEPOINT = 2;
    /** Bytes of the first published attr (PERF_ATTR_SIZE_VER0); every later one is longer. */
    static final int SIZE_VER0 = 64;

    /** Reads an attr of {@code size} bytes at {@code at}; fields past {@code size} are 0. */
    static PerfEventAttr read(ByteBuffer b, int at, int size) {
        long flags = b.getLong(at + 40);
        return new PerfEventAttr(b.getInt(at), b.getLong(at + 8), b.getLong(at + 16),
                b.getLong(at + 24), b.getLong(at + 32), (flags & (1L << 10)) != 0,
                (flags & (1L << 18)) != 0, size >= 88 ? b.getLong(at + 80) : 0,
                size >= 104 ? b.getLong(at + 96) : 0, size >= 80 ? b.getLong(at + 72) : 0);
    }

    public boolean isTracepoint() {
        return type == TYPE_TRACEPOINT;
    }

    public boolean has(long sampleBit) {
        return (sampleType & sampleBit) != 0;
    }
}
