package dev.ptrace.analyze.analysis.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.TestData;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Global locks named from the running kernel's /proc/kallsyms only for a trace taken on it
 * since its boot. The /proc tree here is made up: this project's kernels list no data
 * symbols (no CONFIG_KALLSYMS_ALL), and a test cannot choose its machine's boot.
 */
class RunningKernelTest {
    /** perf's "captured on", the end of the recording, 1,000.25 s after the boot. */
    private static final String CAPTURED_ON = "Mon Nov 30 22:31:43 2026";
    private static final long WRITTEN = LocalDateTime.of(2026, 11, 30, 22, 31, 43)
            .toEpochSecond(ZoneOffset.UTC);

    @TempDir
    Path proc;

    private Map<String, String> facts;

    @BeforeEach
    void aKernelAndTheHeaderOfATraceTakenOnItThisBoot() throws Exception {
        Files.createDirectories(proc.resolve("sys/kernel"));
        Files.writeString(proc.resolve("sys/kernel/osrelease"), "6.18.44-fc-v657\n");
        Files.writeString(proc.resolve("sys/kernel/hostname"), "vm\n");
        stat(WRITTEN - 1000 - 30);
        Files.writeString(proc.resolve("kallsyms"), String.join("\n",
                "ffffffff81000000 T _stext",
                "ffffffff831e3818 b free_vmap_area_lock", ""));
        facts = new HashMap<>(Map.of("os release", "6.18.44-fc-v657", "hostname", "vm",
                "captured on", CAPTURED_ON, "time of last sample", "1000.251"));
    }

    private void stat(long btime) throws Exception {
        Files.writeString(proc.resolve("stat"), "cpu  1 2 3 4\nbtime " + btime
                + "\nprocesses 42\n");
    }

    private RunningKernel kernel() {
        return new RunningKernel(proc, ZoneOffset.UTC);
    }

    @Test
    void sameHostReleaseAndBootNameTheLockFromProcKallsyms() {
        assertTrue(kernel().tookTrace(facts));
        assertEquals("free_vmap_area_lock",
                kernel().symbolsFor(facts).name("0xffffffff831e3818"));
    }

    @Test
    void anotherBootOfTheSameKernelNamesNothingForKaslrMovedItsSymbols() throws Exception {
        stat(WRITTEN - 1000 + 3600);
        assertFalse(kernel().tookTrace(facts));
        assertNull(kernel().symbolsFor(facts).name("0xffffffff831e3818"));
    }

    @Test
    void anotherReleaseHostOrAHeaderlessTraceNamesNothing() {
        Map<String, String> release = new HashMap<>(facts);
        release.put("os release", "6.18.44-fc-v769");
        Map<String, String> host = new HashMap<>(facts);
        host.put("hostname", "other");
        Map<String, String> noTimes = new HashMap<>(facts);
        noTimes.remove("time of last sample");
        for (Map<String, String> f : List.of(release, host, noTimes, Map.<String, String>of())) {
            assertFalse(kernel().tookTrace(f), f.toString());
        }
    }

    @Test
    void aTraceWithTheHeaderOfThisBootGetsItsGlobalLockNamedAtIngest() throws Exception {
        Path trace = proc.resolve("trace.txt");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                TestData.trace("perf-inversion.txt.gz")))) {
            Files.writeString(trace, "# ========\n# captured on    : " + CAPTURED_ON + "\n"
                    + "# hostname : vm\n# os release : 6.18.44-fc-v657\n"
                    + "# time of last sample : 1000.251\n# ========\n#\n"
                    + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (Database db = Database.inMemory()) {
            new TraceIngester(db, List.of(LockAnalysis.with(new LockAnalysis.Running(kernel()))))
                    .ingest(trace.toString(), true);
            try (Statement st = db.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT name, name_source FROM locks "
                         + "WHERE lock_addr = '0xffffffff831e3818'")) {
                assertTrue(rs.next());
                assertEquals("free_vmap_area_lock", rs.getString(1));
                assertEquals("kallsyms", rs.getString(2));
            }
        }
    }
}
