package dev.ptrace.analyze.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ptrace.analyze.read.TraceFormat;

/**
 * Fuzz target: bpftrace -f json output, lenient then strict (seeds in
 * BpftraceJsonFuzzTestInputs/bpftraceJson/).
 */
class BpftraceJsonFuzzTest extends ReaderFuzzing {
    @FuzzTest(maxDuration = "20s")
    void bpftraceJson(byte[] input) {
        read(input, TraceFormat.BPFTRACE_JSON);
    }
}
