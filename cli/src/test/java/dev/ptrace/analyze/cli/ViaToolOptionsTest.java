package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** --via-perf-script and --via-trace-cmd: read options, for trace FILEs only. */
class ViaToolOptionsTest {
    private static final Path DIR = TestData.dir().resolve("perfdata");

    @Test
    void perfLockContentionFromPerfScriptsTextIsTheNativeReadersToTheLine() {
        TestData.tool("perf");
        String[] common = {"contention", DIR.resolve("inversion.perf.data.gz").toString(),
            "--kallsyms", DIR.resolve("kallsyms").toString(), "--symfs",
            DIR.resolve("symfs").toString()};
        Cli nativeRead = Cli.run(common);
        String[] via = java.util.Arrays.copyOf(common, common.length + 1);
        via[common.length] = "--via-perf-script";
        Cli viaText = Cli.run(via);
        assertEquals(0, viaText.exit(), viaText.toString());
        assertTrue(nativeRead.out().contains("do_madvise"), nativeRead.toString());
        assertEquals(nativeRead.out(), viaText.out());
    }

    @Test
    void aDatabaseAloneIsReadAlreadySoAToolIsAUsageError() {
        Cli r = Cli.run("report", "--db", "x.duckdb", "--via-trace-cmd");
        assertEquals(2, r.exit());
        assertEquals("ptrace-analyze: --via-trace-cmd reads trace FILEs; give it with the FILEs "
                + "(or to ingest)\n", r.err());
    }
}
