package dev.ptrace.analyze.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ptrace.analyze.read.TraceFormat;

/**
 * Fuzz target: tracefs text (the trace file), lenient then strict (seeds in
 * FtraceFuzzTestInputs/ftrace/).
 */
class FtraceFuzzTest extends ReaderFuzzing {
    @FuzzTest(maxDuration = "20s")
    void ftrace(byte[] input) {
        read(input, TraceFormat.FTRACE);
    }
}
