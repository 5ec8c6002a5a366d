package dev.ptrace.analyze.analysis.contention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.PerfLockOracle;
import dev.ptrace.analyze.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One run recorded by perf and by another tool at once: the other tool's text, restricted to
 * the workload's process, gives perf lock contention's per-thread figures (NAME.pid holds the
 * workload's process id; the oracle is what perf printed for the perf half).
 *
 * <p>tracefs sees waits perf cannot: perf's per-task events are switched off in a task's exit
 * path (after perf_event_exit_task) and while perf switches its own context (its own locks,
 * e.g. in __perf_event_task_sched_out). So a thread has at least perf's waits in the ftrace
 * half; where it has exactly as many, they are the same waits and the figures agree. bpftrace
 * (threetool/, perf, tracefs and bpftrace at once) sees them too, for the same reason.
 *
 * <p>The tools' probes on one tracepoint run one after the other, so each tool's timestamps
 * include the cost of the probes before it: bpftrace's kernel stack walk, about 10 us. A wait
 * can differ by that much between the tools of a three-tool run (short spinlock waits show it;
 * waits of milliseconds agree to the microsecond).
 */
class SameRunTest {
    private static final long TS_RESOLUTION_NS = 1000;
    private static final long PROBE_COST_NS = 20_000;

    /** Every {@code NAME.ftrace.txt.gz} or {@code NAME.bpftrace.txt.gz} with a pid file. */
    static Stream<Path> otherHalves() {
        return Stream.of("traces", "samerun", "threetool", "inversions").map(TestData.dir()::resolve).filter(Files::isDirectory)
                .flatMap(SameRunTest::list)
                .filter(p -> p.getFileName().toString().matches(".*\\.(ftrace|bpftrace)\\.txt\\.gz"))
                .filter(p -> Files.exists(sibling(p, ".pid")));
    }

    @ParameterizedTest
    @MethodSource("otherHalves")
    void workloadThreadsHavePerfLockContentionsFigures(Path trace) throws Exception {
        int pid = Integer.parseInt(Files.readString(sibling(trace, ".pid")).strip());
        List<PerfLockOracle.Row> oracle = PerfLockOracle.read(sibling(trace,
                ".perf-lock-thread.oracle"));
        assertFalse(oracle.isEmpty());
        PerfLockContention.Result ours;
        try (Database db = Database.inMemory()) {
            int id = new TraceIngester(db).ingest(trace.toString(), true).traceId();
            ours = PerfLockContention.run(db.connection(), id,
                    PerfLockContention.Options.perfDefaults(ContentionKey.THREAD)
                            .forProcess(pid, null));
        }
        Map<Long, ContentionRow> byTid = new TreeMap<>();
        ours.rows().forEach(r -> byTid.put(r.key(), r));
        String dir = trace.getParent().getFileName().toString();
        boolean exact = dir.equals("traces");
        long perWait = dir.equals("threetool") ? PROBE_COST_NS : 2 * TS_RESOLUTION_NS;
        if (exact) {
            assertEquals(oracle.size(), byTid.size(), trace + ": threads " + byTid.keySet());
        }
        for (PerfLockOracle.Row e : oracle) {
            ContentionRow a = byTid.get(Long.parseLong(e.key()));
            String where = trace.getFileName() + " tid " + e.key();
            assertTrue(a != null, where + " missing");
            if (exact) {
                assertEquals(e.contended(), a.contended(), where + " contended");
            } else {
                assertTrue(a.contended() >= e.contended(), where + ": " + a.contended()
                        + " waits, fewer than perf's " + e.contended());
                if (a.contended() > e.contended()) {
                    continue;
                }
            }
            long tolerance = e.total().halfUnitNs() + e.contended() * perWait;
            assertTrue(Math.abs(e.total().ns() - a.totalNs()) <= tolerance, where + " total: "
                    + "perf " + e.total().ns() + " +- " + tolerance + ", ours " + a.totalNs());
            long maxTolerance = e.max().halfUnitNs() + perWait;
            assertTrue(Math.abs(e.max().ns() - a.maxNs()) <= maxTolerance, where + " max: "
                    + "perf " + e.max().ns() + ", ours " + a.maxNs());
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NAME + suffix next to NAME.ftrace.txt.gz. */
    private static Path sibling(Path trace, String suffix) {
        String name = trace.getFileName().toString().replaceFirst("\\.(ftrace|bpftrace)\\.txt\\.gz$", "");
        return trace.resolveSibling(name + suffix);
    }
}
