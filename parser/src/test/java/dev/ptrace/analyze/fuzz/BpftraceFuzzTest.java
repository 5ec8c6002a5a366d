package dev.ptrace.analyze.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ptrace.analyze.read.TraceFormat;

/**
 * Fuzz target: bpftrace text output, lenient then strict (seeds in
 * BpftraceFuzzTestInputs/bpftrace/).
 */
class BpftraceFuzzTest extends ReaderFuzzing {
    @FuzzTest(maxDuration = "20s")
    void bpftrace(byte[] input) {
        read(input, TraceFormat.BPFTRACE);
    }
}
