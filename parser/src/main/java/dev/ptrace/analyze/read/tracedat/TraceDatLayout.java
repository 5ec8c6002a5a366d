package dev.ptrace.analyze.read.tracedat;

import dev.ptrace.analyze.read.format.TracingData;
import java.util.List;
import java.util.Map;

/**
 * What a trace.dat says of itself before its events, whatever its version.
 *
 * @param data        the tracing data: event formats, kallsyms, saved command lines
 * @param pageSize    bytes of a ring-buffer page
 * @param cpus        where each CPU's data of the top instance is
 * @param compression how that data is compressed, null when it is not
 * @param timeOffset  nanoseconds to add to every timestamp (the OFFSET option)
 * @param facts       what the options say of the capture, as trace metadata
 */
record TraceDatLayout(TracingData data, int pageSize, List<CpuData> cpus,
                      Decompressor compression, long timeOffset, Map<String, String> facts) {
    /** One CPU's data: where it starts in the file and how many bytes it has. */
    record CpuData(int cpu, long offset, long size) {
    }
}
