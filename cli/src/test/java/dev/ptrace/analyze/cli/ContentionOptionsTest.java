package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** contention's perf options (-k -F -E -Y -L -S --time -x -v) and keys (-l, -o) on real traces. */
class ContentionOptionsTest {
    private static final String INVERSION = TestData.trace("perf-inversion.txt.gz").toString();

    /** Rows of perf's -x output: the values, the header left out. */
    private static List<String[]> rows(String... args) {
        List<String> cmd = new ArrayList<>(List.of("contention", "-x", ","));
        cmd.addAll(List.of(args));
        Cli r = Cli.run(cmd.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        return r.out().lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.split(", ", -1)).toList();
    }

    private static long sum(List<String[]> rows, int column) {
        return rows.stream().mapToLong(r -> Long.parseLong(r[column])).sum();
    }

    @Test
    void separatorOutputIsPerfsCsvWithRawNanoseconds() {
        Cli r = Cli.run("contention", "-x", ",", INVERSION);
        List<String> lines = r.out().lines().toList();
        assertEquals("# output: contended, total wait, max wait, avg wait, type, caller",
                lines.get(0));
        assertEquals("1, 835748000, 835748000, 835748000, rwsem:W, do_syscall_64+0x71",
                lines.get(1));
    }

    @Test
    void keySortsByItsFigureAndEntriesLimitTheRows() {
        List<String[]> byContended = rows(INVERSION, "-k", "contended", "-F", "contended");
        for (int i = 1; i < byContended.size(); i++) {
            assertTrue(Long.parseLong(byContended.get(i - 1)[0])
                    >= Long.parseLong(byContended.get(i)[0]));
        }
        assertEquals("3", byContended.get(0)[0], "do_madvise's 3 waits first");
        List<String[]> byMin = rows(INVERSION, "-k", "wait_min", "-E", "2");
        assertEquals(2, byMin.size());
        assertEquals(7, byMin.get(0).length, "wait_min added as the last figure, as perf");
        assertEquals("835748000", byMin.get(0)[4], "the mmap wait: the largest shortest wait");
        assertEquals("257428000", byMin.get(1)[4], "then the readers' shortest wait");
    }

    @Test
    void fieldsChooseTheFiguresInTheirOrder() {
        Cli r = Cli.run("contention", INVERSION, "-F", "avg_wait,contended", "-k", "avg_wait",
                "-E", "1");
        assertEquals("    avg wait  contended         type   caller",
                r.out().lines().findFirst().orElseThrow());
        assertTrue(r.out().contains("   835.75 ms          1      rwsem:W   do_syscall_64+0x71"),
                r.out());
        Cli keyAdded = Cli.run("contention", INVERSION, "-F", "contended", "-E", "1");
        assertEquals(" contended   total wait         type   caller",
                keyAdded.out().lines().findFirst().orElseThrow(), "the -k figure joins last");
    }

    @Test
    void typeFilterKeepsAFamilyOrOneMode() {
        long all = sum(rows(INVERSION), 1);
        long rwsem = sum(rows(INVERSION, "-Y", "rwsem"), 1);
        long spin = sum(rows(INVERSION, "-Y", "spinlock"), 1);
        long reads = sum(rows(INVERSION, "-Y", "rwsem:R"), 1);
        assertEquals(all, rwsem + spin);
        assertEquals(772_723_000L + 9_850_000L, reads, 5_000L);
        assertTrue(rows(INVERSION, "-Y", "rwsem:W").stream().allMatch(x -> x[4].equals("rwsem:W")));
    }

    @Test
    void lockFilterTakesANameOrAnAddress() {
        List<String[]> byName = rows(INVERSION, "-L", "mmap_lock");
        List<String[]> byAddress = rows(INVERSION, "-L", "ffff88810006d838");
        assertEquals(sum(byName, 1), sum(byAddress, 1));
        assertEquals(1_875_714_000L, sum(byName, 1), "the 7 mmap_lock waits");
        assertEquals(7, sum(byName, 0));
    }

    @Test
    void callstackFilterMatchesAnyOfTheFirstFrames() {
        List<String[]> mprotect = rows(INVERSION, "-S", "mprotect");
        assertEquals(List.of("__x64_sys_mprotect+0x1b"), mprotect.stream().map(x -> x[5])
                .distinct().toList());
        assertTrue(rows(INVERSION, "-S", "no_such_function").isEmpty());
    }

    @Test
    void timeWindowKeepsTheEventsInsideIt() {
        assertEquals(sum(rows(INVERSION), 1), sum(rows(INVERSION, "--time", ","), 1));
        List<String[]> late = rows(INVERSION, "--time", "9971.2,");
        assertTrue(sum(late, 0) < 11 && sum(late, 0) > 0, "some of the 11 waits");
        Cli bad = Cli.run("contention", INVERSION, "--time", "soon");
        assertEquals(2, bad.exit(), bad.toString());
    }

    @Test
    void verbosePrintsEachCallerRowsStack() {
        Cli r = Cli.run("contention", INVERSION, "-v", "-E", "1");
        assertTrue(r.out().contains("\t\t\t0xffffffff8226a37c  rwsem_down_write_slowpath+0x3cc"),
                r.out());
        assertTrue(r.out().contains("=== output for debug ===") && r.out().contains(
                "bad: 0, total: 22"), "the data-quality footer, always");
    }

    @Test
    void byLockNamesTheWorkloadsMmapLockAndTheLruvecLock() {
        for (String name : new String[] {"perf-inversion", "perf-munmap"}) {
            List<String[]> locks = rows(TestData.trace(name + ".txt.gz").toString(), "-l");
            assertTrue(locks.get(0)[5].startsWith("mmap_lock (pid "), name + ": "
                    + String.join(" ", locks.get(0)));
        }
        List<String[]> madvise = rows(TestData.trace("perf-madvise.txt.gz").toString(), "-l");
        assertEquals("lruvec lock", madvise.get(0)[5]);
        assertEquals("spinlock", madvise.get(0)[6]);
        Cli text = Cli.run("contention", INVERSION, "--by", "lock");
        assertTrue(text.out().contains("total hold") && text.out().contains("mmap_lock (pid "
                + "16371)"), "hold figures next to the wait figures");
    }

    @Test
    void byOwnerGivesTheReadersWaitsToTheWriterAndTheWritersToTheNice19Holder() {
        Map<String, Long> byOwner = new TreeMap<>();
        rows(INVERSION, "-o").forEach(x -> byOwner.put(x[4], Long.parseLong(x[1])));
        // chains: the writer 16375 waited 257.36 ms for 16373, whose other blocked thread,
        // 16371, waited 835.7 ms; the three readers waited about 257.4 ms each behind 16375
        assertEquals(257_360_000L + 835_670_000L, byOwner.get("16373"), 2_000_000L);
        assertEquals(3 * 257_400_000L, byOwner.get("16375"), 15_000_000L);
    }

    @Test
    void theFtraceHalfOfOneRunGivesThePerfHalfsRowsWithinTheTextsPrecision() throws Exception {
        String pid = Files.readString(TestData.trace("same-run-inversion.pid")).strip();
        for (String key : new String[] {"-t", "-l", "-o"}) {
            List<String[]> perf = rows(TestData.trace("same-run-inversion.perf.txt.gz")
                    .toString(), key, "--pid", pid);
            List<String[]> ftrace = rows(TestData.trace("same-run-inversion.ftrace.txt.gz")
                    .toString(), key, "--pid", pid);
            assertEquals(perf.size(), ftrace.size(), key);
            for (int i = 0; i < perf.size(); i++) {
                assertEquals(perf.get(i)[0], ftrace.get(i)[0], key + " waits, row " + i);
                assertEquals(Long.parseLong(perf.get(i)[1]), Long.parseLong(ftrace.get(i)[1]),
                        10_000L * Long.parseLong(perf.get(i)[0]), key + " total, row " + i);
                assertEquals(perf.get(i)[5], ftrace.get(i)[5], key + " name, row " + i);
            }
        }
    }

    @Test
    void moreThanOneKeyIsAUsageError() {
        Cli r = Cli.run("contention", INVERSION, "-t", "-l");
        assertEquals(2, r.exit(), r.toString());
    }
}
