package dev.ptrace.analyze.analysis.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.testing.AnalysedTraces;
import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Chains and inversions of the real traces of docs/design.md scenarios 2 and 4. */
class WaitChainBuilderTest {
    private static final long CLOCKS_NS = 5000;

    private record Analysed(List<Chain> chains, List<Inversion> inversions) {
    }

    private static Analysed analyse(Path trace) throws SQLException {
        return analyse(trace, null);
    }

    /** @param pid only the chains of this process; null: all */
    private static Analysed analyse(Path trace, Integer pid) throws SQLException {
        try (Database db = AnalysedTraces.open(trace)) {
            int id = 1;
            List<Chain> chains = WaitChainBuilder.build(db.connection(), id, pid, null);
            return new Analysed(chains, InversionFinder.find(db.connection(), id, chains));
        }
    }

    static Stream<Path> inversionTraces() {
        return Stream.of("perf-inversion.txt.gz", "ftrace-inversion.txt.gz",
                "same-run-inversion.perf.txt.gz", "same-run-inversion.ftrace.txt.gz",
                "tracecmd-inversion.txt.gz").map(TestData::trace);
    }

    static Stream<Path> everyTrace() {
        return Stream.of(TestData.perfTraces(), TestData.ftraceTraces(),
                TestData.bpftraceEventTraces()).flatMap(List::stream).distinct();
    }

    /**
     * Inversions found without building the chains first (only when a waiter ran at a better
     * priority than a thread it could wait for) are those found from every chain: the check
     * that skips the chains never hides one.
     */
    @ParameterizedTest
    @MethodSource("everyTrace")
    void inversionsSkippingTheChainsWhenNoneCanExistAreThoseOfEveryChain(Path trace)
            throws SQLException {
        try (Database db = AnalysedTraces.open(trace)) {
            int id = 1;
            List<Inversion> all = InversionFinder.find(db.connection(), id,
                    WaitChainBuilder.build(db.connection(), id));
            List<Inversion> lazy = InversionFinder.find(new TraceChains(db.connection(), id));
            assertEquals(all.stream().map(Inversion::lostNs).toList(),
                    lazy.stream().map(Inversion::lostNs).toList(), trace.toString());
        }
    }

    private static List<ChainWait> flat(List<ChainWait> waits) {
        List<ChainWait> out = new ArrayList<>();
        for (ChainWait w : waits) {
            out.add(w);
            out.addAll(flat(w.children()));
        }
        return out;
    }

    /**
     * The convoy: the nice-19 reader (prio 139) holds mmap_lock while preempted, a writer waits
     * for it, the readers after the writer wait behind the writer, and a prio-120 thread of the
     * workload (the CPU hog) has the holder's CPU most of the time.
     */
    @ParameterizedTest
    @MethodSource("inversionTraces")
    void niceNineteenReaderPreemptedWhileHoldingMmapLockIsTheInversionRoot(Path trace)
            throws Exception {
        Analysed a = analyse(trace);
        Inversion top = a.inversions().get(0);
        Chain c = top.chain();
        assertEquals(139, c.prio());
        assertEquals("mmap_lock", c.lockName());
        assertTrue(c.rootStates().getOrDefault("preempted", 0L)
                > 0.9 * (c.end() - c.begin()), c.rootStates().toString());
        ChainWait writer = c.waits().stream().filter(w -> "write".equals(w.mode())).findFirst()
                .orElseThrow();
        assertEquals("holder", writer.relation());
        assertEquals(c.tid(), writer.blockedBy());
        for (ChainWait reader : writer.children()) {
            assertEquals("read", reader.mode());
            assertEquals("queued ahead", reader.relation());
            assertEquals(writer.tid(), reader.blockedBy());
        }
        Inversion.Preemptor hog = top.preemptors().get(0);
        assertEquals(120, hog.prio());
        assertTrue(hog.ranNs() > 0.9 * c.rootStates().get("preempted"), hog.toString());
        long waited = 0;
        for (Inversion.Victim v : top.victims()) {
            assertTrue(v.prio() < c.prio() && v.lostNs() <= v.waitNs(), v.toString());
            waited += v.waitNs();
        }
        assertTrue(top.lostNs() <= waited && top.lostNs() > 0.9 * (waited - c.waits().size()
                * 20_000_000L), top.toString());
    }

    /**
     * The perf and ftrace halves of one run give the same chains, tid for tid, durations within
     * 5 us: each text prints microseconds, and the two clocks themselves drift (the offset
     * between them is 29.838 ms at 239.157 s and 29.835 ms at 239.937 s, so one 780 ms wait
     * is 3 us longer in the perf text than in the ftrace text).
     */
    @Test
    void sameRunPerfAndFtraceHalvesGiveTheSameChains() throws Exception {
        List<Chain> perf = analyse(TestData.trace("same-run-inversion.perf.txt.gz")).chains();
        List<Chain> ftrace = analyse(TestData.trace("same-run-inversion.ftrace.txt.gz"),
                Integer.valueOf(Files.readString(TestData.trace("same-run-inversion.pid"))
                        .strip())).chains();
        assertEquals(perf.size(), ftrace.size());
        for (int i = 0; i < perf.size(); i++) {
            Chain p = perf.get(i);
            Chain f = ftrace.get(i);
            assertEquals(p.tid(), f.tid(), "chain " + i);
            assertEquals(p.prio(), f.prio(), "chain " + i);
            assertEquals(p.end() - p.begin(), f.end() - f.begin(), CLOCKS_NS, "chain " + i);
            sameWaits(p.waits(), f.waits(), "chain " + i);
        }
    }

    private static void sameWaits(List<ChainWait> p, List<ChainWait> f, String where) {
        assertEquals(p.stream().map(ChainWait::tid).toList(),
                f.stream().map(ChainWait::tid).toList(), where);
        for (int i = 0; i < p.size(); i++) {
            ChainWait a = p.get(i);
            ChainWait b = f.get(i);
            String at = where + " wait of " + a.tid();
            assertEquals(a.mode(), b.mode(), at);
            assertEquals(a.relation(), b.relation(), at);
            assertEquals(a.blockedBy(), b.blockedBy(), at);
            assertEquals(a.durationNs(), b.durationNs(), CLOCKS_NS, at);
            assertEquals(a.rootNs(), b.rootNs(), CLOCKS_NS, at);
            sameWaits(a.children(), b.children(), at);
        }
    }

    /** Scenario 2: the faulting threads wait for the thread that unmaps 1 GiB. */
    @ParameterizedTest
    @MethodSource("munmapTraces")
    void faultingThreadsWaitingIsTracedToTheMunmapThreadsWriteHold(Path trace)
            throws Exception {
        Analysed a = analyse(trace);
        int unmapper = a.chains().get(0).tid();
        long waited = 0;
        long toUnmapper = 0;
        for (Chain c : a.chains()) {
            for (ChainWait w : flat(c.waits())) {
                if (w.tid() != unmapper && "mmap_lock".equals(w.lockName())) {
                    waited += w.durationNs();
                    toUnmapper += c.tid() == unmapper ? w.rootNs() : 0;
                }
            }
        }
        assertTrue(toUnmapper >= 0.99 * waited, toUnmapper + " of " + waited);
    }

    static Stream<Path> munmapTraces() {
        return Stream.of("perf-munmap.txt.gz", "ftrace-munmap.txt.gz").map(TestData::trace);
    }

    /** Our own inversions (testdata/inversions): other priorities, FIFO waiters, more readers. */
    record OwnInversion(String name, int holderPrio, int waiterPrio, int readers) {
    }

    static Stream<OwnInversion> ownInversions() {
        return Stream.of(new OwnInversion("lockinv-nice10-fifo10", 130, 89, 5),
                new OwnInversion("lockinv-nice5-8readers", 125, 120, 8));
    }

    @ParameterizedTest
    @MethodSource("ownInversions")
    void ownInversionsWithOtherPrioritiesGiveTheSameStoryFromPerfAndFtrace(OwnInversion o)
            throws Exception {
        Path dir = TestData.dir().resolve("inversions");
        int pid = Integer.parseInt(Files.readString(dir.resolve(o.name() + ".pid")).strip());
        Inversion perf = analyse(dir.resolve(o.name() + ".perf.txt.gz")).inversions().get(0);
        Inversion ftrace = analyse(dir.resolve(o.name() + ".ftrace.txt.gz"), pid).inversions()
                .get(0);
        for (Inversion inv : List.of(perf, ftrace)) {
            Chain c = inv.chain();
            assertEquals(o.holderPrio(), c.prio());
            ChainWait writer = c.waits().stream().filter(w -> "write".equals(w.mode()))
                    .findFirst().orElseThrow();
            assertEquals(o.waiterPrio(), writer.prio());
            assertEquals(o.readers(), writer.children().stream()
                    .filter(r -> "queued ahead".equals(r.relation()) && o.waiterPrio() == r.prio())
                    .count());
            Inversion.Preemptor hog = inv.preemptors().get(0);
            assertEquals(120, hog.prio());
            assertTrue(hog.ranNs() > 0.5 * c.rootStates().get("preempted"), hog.toString());
        }
        assertEquals(perf.chain().tid(), ftrace.chain().tid());
        assertEquals(perf.lostNs(), ftrace.lostNs(), CLOCKS_NS * perf.victims().size());
        assertEquals(perf.victims().stream().map(Inversion.Victim::tid).toList(),
                ftrace.victims().stream().map(Inversion.Victim::tid).toList());
    }

    /** One run recorded by perf, tracefs and bpftrace (locks.bt) at once: the same inversion. */
    @Test
    void perfTracefsAndBpftraceOfOneRunGiveTheSameInversion() throws Exception {
        Path dir = TestData.dir().resolve("threetool");
        int pid = Integer.parseInt(Files.readString(dir.resolve("threetool-inversion.pid")).strip());
        List<Inversion> found = new ArrayList<>();
        for (String half : List.of("perf", "ftrace", "bpftrace")) {
            found.add(analyse(dir.resolve("threetool-inversion." + half + ".txt.gz"), pid)
                    .inversions().get(0));
        }
        Inversion perf = found.get(0);
        assertEquals(139, perf.chain().prio());
        for (Inversion other : found.subList(1, 3)) {
            assertEquals(perf.chain().tid(), other.chain().tid());
            assertEquals(perf.victims().stream().map(Inversion.Victim::tid).toList(),
                    other.victims().stream().map(Inversion.Victim::tid).toList());
            // each tool's timestamps include the probes that ran before it (SameRunTest), and
            // their clocks drift by microseconds a second
            assertEquals(perf.lostNs(), other.lostNs(),
                    20_000L * perf.victims().size() + perf.lostNs() * 1e-4);
        }
    }
}
