package dev.ptrace.analyze.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ptrace.analyze.read.TraceFormat;

/**
 * Fuzz target: perf script text, lenient then strict (seeds in
 * PerfScriptFuzzTestInputs/perfScript/).
 */
class PerfScriptFuzzTest extends ReaderFuzzing {
    @FuzzTest(maxDuration = "20s")
    void perfScript(byte[] input) {
        read(input, TraceFormat.PERF_SCRIPT);
    }
}
