package dev.ptrace.analyze.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ptrace.analyze.read.BinaryFormat;

/**
 * Fuzz target: perf.data in file and pipe mode, zstd-compressed records included: lenient then
 * strict (seeds in PerfDataFuzzTestInputs/perfData/).
 */
class PerfDataFuzzTest extends ReaderFuzzing {
    @FuzzTest(maxDuration = "20s")
    void perfData(byte[] input) {
        readBinary(input, BinaryFormat.PERF_DATA);
    }
}
