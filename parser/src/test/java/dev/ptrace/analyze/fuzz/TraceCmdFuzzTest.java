package dev.ptrace.analyze.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ptrace.analyze.read.TraceFormat;

/**
 * Fuzz target: trace-cmd report text, lenient then strict (seeds in
 * TraceCmdFuzzTestInputs/traceCmd/).
 */
class TraceCmdFuzzTest extends ReaderFuzzing {
    @FuzzTest(maxDuration = "20s")
    void traceCmd(byte[] input) {
        read(input, TraceFormat.TRACE_CMD);
    }
}
