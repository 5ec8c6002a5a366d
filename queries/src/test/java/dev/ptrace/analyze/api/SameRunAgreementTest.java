package dev.ptrace.analyze.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.causes.CauseTaxonomy;
import dev.ptrace.analyze.analysis.chains.Attribution;
import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One run recorded by perf and by tracefs at once (NAME.perf.txt.gz, NAME.ftrace.txt.gz, the
 * workload's NAME.pid): the analyses of the two halves tell the same story. Why they may
 * differ at all: their text has 1 us timestamps of two clocks; the tracefs half also sees a
 * few short waits perf does not record (a thread's exit path, perf's own wakeups:
 * SameRunWaitMatchingTest counts them); and it has no callchains and not every syscall, so
 * what needs a stack (a page fault, a populate told from other work outside the traced
 * syscalls, lock names from callers) is "unknown" there or found only in the perf half.
 * Tolerances: 2% of a measured figure (waiting, time lost), at least 200 us; 10% of a
 * predicted saving, which also scales with the holder's time on CPU inside its holds (the
 * populate finding of lockinv-nice10-fifo10 predicts 62.49 ms from perf, 66.26 ms from
 * tracefs: a piece of 8.52 ms against 9.51 ms).
 */
class SameRunAgreementTest {
    private static long tolerance(long ns) {
        return Math.max(ns / 50, 200_000);
    }

    private static long predictionTolerance(long ns) {
        return Math.max(ns / 10, 200_000);
    }

    static Stream<String> pairs() throws IOException {
        return Stream.of("traces", "samerun", "threetool", "inversions").map(TestData.dir()::resolve)
                .flatMap(dir -> {
                    try {
                        return Files.list(dir);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .map(p -> p.toString())
                .filter(p -> p.endsWith(".pid"))
                .map(p -> p.substring(0, p.length() - ".pid".length()))
                .filter(n -> Files.exists(Path.of(n + ".ftrace.txt.gz")))
                .map(n -> TestData.dir().relativize(Path.of(n)).toString()).sorted();
    }

    /** Each run's two halves, ingested once and shared by the tests. */
    private static final Map<String, Halves> HALVES = new HashMap<>();

    private record Halves(TraceAnalysis analysis, int pid) {
        static synchronized Halves of(String name) throws IOException {
            Halves h = HALVES.get(name);
            if (h == null) {
                Path base = TestData.dir().resolve(name);
                int pid = Integer.parseInt(Files.readString(Path.of(base + ".pid")).strip());
                h = new Halves(TraceAnalysis.ofFiles(Path.of(base + ".perf.txt.gz"),
                        Path.of(base + ".ftrace.txt.gz")), pid);
                HALVES.put(name, h);
            }
            return h;
        }
    }

    @AfterAll
    static void close() {
        HALVES.values().forEach(h -> h.analysis().close());
    }

    private static final int PERF = 1;
    private static final int FTRACE = 2;

    @ParameterizedTest
    @MethodSource("pairs")
    void bothHalvesFindTheSameInversionsWithTheSameTimeLost(String name) throws Exception {
        Halves h = Halves.of(name);
        List<Inversion> perf = h.analysis().inversions(PERF, h.pid(), null);
        List<Inversion> ftrace = h.analysis().inversions(FTRACE, h.pid(), null);
        assertEquals(perf.size(), ftrace.size(), name + ": inversions");
        for (int i = 0; i < perf.size(); i++) {
            Inversion p = perf.get(i);
            Inversion f = ftrace.get(i);
            assertEquals(p.chain().tid(), f.chain().tid(), name + ": root of #" + i);
            assertTrue(Math.abs(p.lostNs() - f.lostNs()) <= tolerance(p.lostNs()),
                    name + ": lost " + p.lostNs() + " (perf) vs " + f.lostNs());
        }
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void bothHalvesHaveTheSameLargestChain(String name) throws Exception {
        Halves h = Halves.of(name);
        // chains of a few microseconds (the tracefs half's exit-path waits) aside
        List<Chain> perf = h.analysis().chains(PERF, h.pid(), null).stream()
                .filter(c -> c.waitNs() >= 200_000).toList();
        List<Chain> ftrace = h.analysis().chains(FTRACE, h.pid(), null).stream()
                .filter(c -> c.waitNs() >= 200_000).toList();
        assertEquals(perf.isEmpty(), ftrace.isEmpty(), name + ": chains");
        if (perf.isEmpty()) {
            return;
        }
        Chain p = perf.get(0);
        Chain f = ftrace.get(0);
        assertEquals(p.tid(), f.tid(), name + ": root");
        assertEquals(p.lockName(), f.lockName(), name + ": lock");
        assertTrue(Math.abs(p.waitNs() - f.waitNs()) <= tolerance(p.waitNs()),
                name + ": chain " + p.waitNs() + " (perf) vs " + f.waitNs());
    }

    /**
     * Where the mmap_lock waiting went: the same total in both halves, and each waiter
     * activity the tracefs half names, the same waiting as in the perf half; what the tracefs
     * half cannot name ("unknown") is what the perf half names from stacks and from syscalls
     * tracefs did not record.
     */
    @ParameterizedTest
    @MethodSource("pairs")
    void bothHalvesSendTheMmapLockWaitingToTheSameWaiterActivities(String name)
            throws Exception {
        Halves h = Halves.of(name);
        Map<String, Long> perf = byWaiter(h.analysis().attribution(PERF,
                CauseTaxonomy.shipped()));
        Map<String, Long> ftrace = byWaiter(h.analysis().attribution(FTRACE,
                CauseTaxonomy.shipped()));
        long perfTotal = perf.values().stream().mapToLong(Long::longValue).sum();
        long ftraceTotal = ftrace.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(Math.abs(perfTotal - ftraceTotal) <= tolerance(perfTotal),
                name + ": mmap_lock waiting " + perfTotal + " (perf) vs " + ftraceTotal);
        long unnamed = 0;
        for (Map.Entry<String, Long> e : perf.entrySet()) {
            Long other = ftrace.get(e.getKey());
            if (other == null) {
                unnamed += e.getValue();
            } else {
                assertTrue(Math.abs(e.getValue() - other) <= tolerance(e.getValue()),
                        name + ": " + e.getKey() + " " + e.getValue() + " (perf) vs "
                                + other);
            }
        }
        long unknown = ftrace.getOrDefault(Attribution.UNKNOWN, 0L)
                - perf.getOrDefault(Attribution.UNKNOWN, 0L);
        assertTrue(Math.abs(unnamed - unknown) <= tolerance(unnamed), name
                + ": named by perf only " + unnamed + ", unknown in tracefs " + unknown);
    }

    private static Map<String, Long> byWaiter(List<Attribution.Cell> cells) {
        return cells.stream().filter(c -> c.lock().equals("mmap_lock")).collect(
                Collectors.groupingBy(Attribution.Cell::waiterActivity, TreeMap::new,
                        Collectors.summingLong(Attribution.Cell::waitNs)));
    }

    /**
     * Where the halves cannot agree, and why. threetool's perf half was recorded per process
     * (perf record -g WORKLOAD): perf records a switch only in a recorded task, so a switch-in
     * from a task of another process is missing (22 of the 25 switch-ins of wl 2849 in
     * threetool-munmap; tracefs has all 26). The thread then looks preempted until its next
     * own event: inside its MAP_POPULATE holds 608 ms preempted by perf, 2.5 ms by tracefs,
     * and the long-hold model, which scales the saving by the holder's time on CPU, predicts
     * 3.33 s from perf against 4.53 s from tracefs.
     */
    private static final Map<String, String> CANNOT_AGREE = Map.of(
            "threetool/threetool-munmap", "mmap(MAP_POPULATE) (wl 2849)");

    /**
     * Every finding the tracefs half makes (saving at least 1 ms) the perf half makes too,
     * about the same operation (its title up to the colon, but for the figures) and with a
     * saving within the tolerance.
     */
    @ParameterizedTest
    @MethodSource("pairs")
    void everyFindingOfTheTracefsHalfIsAFindingOfThePerfHalfWithTheSameSaving(String name)
            throws Exception {
        Halves h = Halves.of(name);
        List<Finding> perf = h.analysis().findings(PERF);
        for (Finding f : h.analysis().findings(FTRACE)) {
            // locks the tracefs half cannot name for want of stacks: the perf half names them
            if (f.savedNs() < 1_000_000 || f.lock() == null) {
                continue;
            }
            Finding p = perf.stream().filter(x -> x.scenario().equals(f.scenario())
                    && what(x).equals(what(f))).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": perf half lacks '"
                            + f.title() + "'"));
            if (f.title().startsWith(CANNOT_AGREE.getOrDefault(name, "\0"))) {
                assertTrue(p.savedNs() < f.savedNs(), "perf sees less running: " + name);
                continue;
            }
            assertTrue(Math.abs(p.savedNs() - f.savedNs())
                            <= predictionTolerance(p.savedNs()),
                    name + ": " + f.title() + ": saves " + p.savedNs() + " (perf) vs "
                            + f.savedNs());
        }
    }

    /** What a finding is about: its title up to the colon, without its figures. */
    private static String what(Finding f) {
        int colon = f.title().indexOf(':');
        return (colon < 0 ? f.title() : f.title().substring(0, colon))
                .replaceAll("[0-9][0-9.,]*( [a-zA-Z]+)?", "#");
    }
}
