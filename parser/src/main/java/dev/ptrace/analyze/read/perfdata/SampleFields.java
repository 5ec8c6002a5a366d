package dev.ptrace.analyze.read.perfdata;

import java.nio.ByteBuffer;

/**
 * The fields of a PERF_RECORD_SAMPLE that the tool uses, read in the order
 * {@code sample_type} lays them out (perf's {@code evsel__parse_sample}); positions are
 * indexes into the record's buffer.
 *
 * @param ip             the sampled instruction address (0 without PERF_SAMPLE_IP)
 * @param pid            process, -1 without PERF_SAMPLE_TID
 * @param tid            thread, -1 without PERF_SAMPLE_TID
 * @param time           nanoseconds, -1 without PERF_SAMPLE_TIME
 * @param cpu            -1 without PERF_SAMPLE_CPU
 * @param period         the sample's period, or the attr's when the sample has none
 * @param callchainAt    index of the first callchain address, -1 without a callchain
 * @param callchainCount addresses in the callchain (context markers included)
 * @param rawAt          index of the raw tracepoint record, -1 without one
 * @param rawSize        its bytes
 */
record SampleFields(long ip, int pid, int tid, long time, int cpu, long period, int callchainAt,
                    int callchainCount, int rawAt, int rawSize) {

    /**
     * Reads the sample at {@code start} ({@code size} bytes) of {@code attr}.
     *
     * @throws PerfDataException when the fields run past the record
     */
    static SampleFields read(ByteBuffer b, int start, int size, PerfEventAttr attr,
                             long offset) {
        long t = attr.sampleType();
        int end = start + size;
        int p = start + RecordStream.HEADER;
        long ip = 0;
        int pid = -1;
        int tid = -1;
        long time = -1;
        int cpu = -1;
        long period = attr.freq() ? 0 : attr.samplePeriod();
        int chainAt = -1;
        int chainCount = 0;
        int rawAt = -1;
        int rawSize = 0;
        try {
            if ((t & SampleType.IDENTIFIER) != 0) {
                p += 8;
            }
            if ((t & SampleType.IP) != 0) {
                ip = b.getLong(p);
                p += 8;
            }
            if ((t & SampleType.TID) != 0) {
                pid = b.getInt(p);
                tid = b.getInt(p + 4);
                p += 8;
            }
            if ((t & SampleType.TIME) != 0) {
                time = b.getLong(p);
                p += 8;
            }
            p += 8 * Long.bitCount(t & (SampleType.ADDR | SampleType.ID | SampleType.STREAM_ID));
            if ((t & SampleType.CPU) != 0) {
                cpu = b.getInt(p);
                p += 8;
            }
            if ((t & SampleType.PERIOD) != 0) {
                period = b.getLong(p);
                p += 8;
            }
            if ((t & SampleType.READ) != 0) {
                p = skipRead(b, p, attr.readFormat());
            }
            if ((t & SampleType.CALLCHAIN) != 0) {
                long nr = b.getLong(p);
                if (nr < 0 || nr > (end - p) / 8) {
                    throw new PerfDataException(offset, "a callchain that fits its sample, "
                            + "found " + nr + " addresses");
                }
                chainCount = (int) nr;
                chainAt = p + 8;
                p = chainAt + chainCount * 8;
            }
            if ((t & SampleType.RAW) != 0) {
                rawSize = b.getInt(p);
                rawAt = p + 4;
                if (rawSize < 0 || rawAt + rawSize > end) {
                    throw new PerfDataException(offset, "raw tracepoint data that fits its "
                            + "sample, found " + rawSize + " bytes");
                }
            }
        } catch (IndexOutOfBoundsException e) {
            throw new PerfDataException(offset, "the fields sample_type 0x"
                    + Long.toHexString(t) + " gives, found the sample ending early");
        }
        if (p > end) {
            throw new PerfDataException(offset, "the fields sample_type 0x" + Long.toHexString(t)
                    + " gives, found the sample ending early");
        }
        return new SampleFields(ip, pid, tid, time, cpu, period, chainAt, chainCount, rawAt,
                rawSize);
    }

    private static int skipRead(ByteBuffer b, int p, long format) {
        int extra = Long.bitCount(format & (ReadFormat.ID.bit | ReadFormat.LOST.bit));
        int times = Long.bitCount(format & (ReadFormat.TOTAL_TIME_ENABLED.bit
                | ReadFormat.TOTAL_TIME_RUNNING.bit));
        if ((format & ReadFormat.GROUP.bit) != 0) {
            long nr = b.getLong(p);
            return p + 8 + times * 8 + (int) nr * 8 * (1 + extra);
        }
        return p + 8 + times * 8 + extra * 8;
    }

    /** Where the time of a sample is, from its start; -1 when it has none. */
    static int timeOffset(long sampleType) {
        if ((sampleType & SampleType.TIME) == 0) {
            return -1;
        }
        return RecordStream.HEADER + 8 * Long.bitCount(sampleType & (SampleType.IDENTIFIER
                | SampleType.IP | SampleType.TID));
    }

    /** Where the sample id is, from its start; -1 when it has none. */
    static int idOffset(long sampleType) {
        if ((sampleType & SampleType.IDENTIFIER) != 0) {
            return RecordStream.HEADER;
        }
        if ((sampleType & SampleType.ID) == 0) {
            return -1;
        }
        return RecordStream.HEADER + 8 * Long.bitCount(sampleType & (SampleType.IP
                | SampleType.TID | SampleType.TIME | SampleType.ADDR));
    }
}
