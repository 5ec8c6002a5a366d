package dev.ptrace.analyze.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target: any bytes the way every input comes in: gzip or not, binary or text, which format,
 * then its reader (seeds in DetectAndReadFuzzTestInputs/detectAndRead/).
 */
class DetectAndReadFuzzTest extends ReaderFuzzing {
    @FuzzTest(maxDuration = "20s")
    void detectAndRead(byte[] input) {
        readDetected(input);
    }
}
