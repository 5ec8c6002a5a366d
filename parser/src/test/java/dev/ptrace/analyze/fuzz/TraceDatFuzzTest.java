package dev.ptrace.analyze.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ptrace.analyze.read.BinaryFormat;

/**
 * Fuzz target: trace-cmd's trace.dat, versions 6 and 7 (sections plain or zstd-compressed),
 * lenient then strict (seeds in TraceDatFuzzTestInputs/traceDat/).
 */
class TraceDatFuzzTest extends ReaderFuzzing {
    @FuzzTest(maxDuration = "20s")
    void traceDat(byte[] input) {
        readBinary(input, BinaryFormat.TRACE_CMD_DAT);
    }
}
