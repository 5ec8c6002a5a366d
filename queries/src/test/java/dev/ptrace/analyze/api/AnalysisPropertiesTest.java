package dev.ptrace.analyze.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.analysis.causes.CauseTaxonomy;
import dev.ptrace.analyze.analysis.chains.Attribution;
import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.ChainWait;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.findings.Finding;
import dev.ptrace.analyze.query.Workspace;
import dev.ptrace.analyze.read.InputException;
import dev.ptrace.analyze.store.IngestResult;
import dev.ptrace.analyze.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties the analyses must have on every real trace of testdata/, whatever figures they
 * compute: blame never gives a wait more time than it lasted, a chain's total is the sum of its
 * waits, attribution hands out exactly the waiting of each lock, and no finding or inversion
 * predicts saving more waiting than there was. A trace without waits passes trivially.
 */
class AnalysisPropertiesTest {
    /** Every trace is read once into one workspace, on first use, and shared by all tests. */
    private static Workspace workspace;
    private static TraceAnalysis analysis;
    private static final Map<String, Integer> TRACE_IDS = new HashMap<>();

    /**
     * The traces: every list of TestData (perf, tracefs and trace-cmd, bpftrace maps, bpftrace
     * events, perf.data and trace.dat captures and their text, perf script layouts) and the
     * captures of threshold/, noise/ and futex/, which TestData does not list; relative to
     * testdata/.
     */
    static Stream<String> traces() {
        Set<Path> all = new LinkedHashSet<>();
        all.addAll(TestData.perfTraces());
        all.addAll(TestData.ftraceTraces());
        all.addAll(TestData.bpftraceTraces());
        all.addAll(TestData.bpftraceEventTraces());
        all.addAll(TestData.perfDataCaptures());
        all.addAll(TestData.traceDatCaptures());
        all.addAll(TestData.perfScriptLayouts());
        for (String sub : List.of("threshold", "noise", "futex")) {
            try (Stream<Path> s = Files.list(TestData.dir().resolve(sub))) {
                s.filter(p -> p.getFileName().toString().endsWith(".txt.gz")).sorted()
                        .forEach(all::add);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return all.stream().map(p -> TestData.dir().relativize(p).toString());
    }

    @AfterAll
    static void close() {
        if (analysis != null) {
            analysis.close();
        }
    }

    /** The trace's id in the shared workspace, read the first time it is asked for. */
    private static synchronized int trace(String relative) {
        Integer id = TRACE_IDS.get(relative);
        if (id == null) {
            if (workspace == null) {
                workspace = Workspace.create(null);
                analysis = TraceAnalysis.over(workspace);
            }
            IngestResult r = workspace.ingest(TestData.dir().resolve(relative).toString(),
                    false);
            id = r.traceId();
            TRACE_IDS.put(relative, id);
        }
        return id;
    }

    /** An analysis of a trace. */
    private interface Analysis<T> {
        List<T> of() throws SQLException;
    }

    /**
     * The analysis of a trace with times; for one without (perf script without -F time), none:
     * asking for it must be refused in one line naming the file.
     */
    private static <T> List<T> timedOnly(int id, Analysis<T> analysisOf) throws SQLException {
        if (one("SELECT count(*) FROM stats WHERE trace_id = $1 AND name = 'events_without_time'",
                id) == 0) {
            return analysisOf.of();
        }
        InputException e = assertThrows(InputException.class, analysisOf::of);
        assertTrue(e.getMessage().startsWith("its events have no time"), e.getMessage());
        return List.of();
    }

    /** Nothing under testdata/ that is a trace is left out of {@link #traces()}. */
    @Test
    void everyTraceFileOfTestdataIsAmongTheTracesChecked() throws IOException {
        Set<String> files;
        try (Stream<Path> s = Files.walk(TestData.dir())) {
            files = s.filter(Files::isRegularFile)
                    .map(p -> TestData.dir().relativize(p).toString())
                    // golden/ holds outputs, *.folded.gz are flame-graph stacks, not traces
                    .filter(n -> !n.startsWith("golden/") && !n.endsWith(".folded.gz"))
                    .filter(n -> n.endsWith(".txt.gz") || n.endsWith(".json.gz")
                            || n.endsWith(".perf.data") || n.endsWith(".perf.data.gz")
                            || n.endsWith(".dat") || n.endsWith(".dat.gz"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(files, traces().collect(Collectors.toCollection(TreeSet::new)));
    }

    /**
     * (a) Blame splits a wait's time, it never adds to it: per wait, the blamed_ns of its rows
     * sum to at most duration_ns, and every row is non-negative, inside its wait and of a wait
     * that exists.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void blameOfAWaitNeverExceedsItsDurationAndIsNonNegative(String trace) throws Exception {
        int id = trace(trace);
        List<Map<String, Object>> over = analysis.query("""
                SELECT w.wait_id, w.duration_ns, sum(b.blamed_ns) AS blamed
                FROM waits w JOIN blame b USING (trace_id, wait_id)
                WHERE w.trace_id = $1
                GROUP BY ALL
                HAVING sum(b.blamed_ns) > w.duration_ns
                ORDER BY w.wait_id LIMIT 5""", id);
        assertTrue(over.isEmpty(), trace + ": waits blamed more than they lasted: " + over);
        List<Map<String, Object>> bad = analysis.query("""
                SELECT b.wait_id, b.begin_ts, b.end_ts, b.duration_ns, b.share, b.blamed_ns,
                       w.begin_ts AS wait_begin, w.end_ts AS wait_end
                FROM blame b LEFT JOIN waits w USING (trace_id, wait_id)
                WHERE b.trace_id = $1
                  AND (b.blamed_ns < 0 OR b.duration_ns < 0 OR b.share < 1
                       OR w.wait_id IS NULL
                       OR b.begin_ts < w.begin_ts OR b.end_ts > w.end_ts)
                ORDER BY b.wait_id LIMIT 5""", id);
        assertTrue(bad.isEmpty(), trace + ": negative, orphan or stray blame rows: " + bad);
    }

    /**
     * (b) A chain's waitNs is its waits' rootNs summed over the whole tree: a ChainWait's
     * rootNs is its own waiting traced to the root, its children's is theirs, not included
     * (WaitChainBuilder.chain sums Traced.rootNs over the episode). The same holds for
     * rootOffCpuNs and the waiter count; each node's figures fit its wait (0 <= off CPU <=
     * rootNs <= duration, as the waits table has it), a child waited for its parent's thread,
     * and no wait is in two chains. A tree that drops waits its totals count (waits whose
     * parents form a cycle, which no wait of the tree leads to) fails here.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void everyChainTotalIsTheSumOfItsWaits(String trace) throws Exception {
        int id = trace(trace);
        Map<Long, long[]> waits = new HashMap<>();
        for (Map<String, Object> r : analysis.query("""
                SELECT wait_id, tid, duration_ns FROM waits WHERE trace_id = $1""", id)) {
            waits.put(((Number) r.get("wait_id")).longValue(), new long[] {
                ((Number) r.get("tid")).longValue(), ((Number) r.get("duration_ns")).longValue()});
        }
        long waitsTotal = waits.values().stream().mapToLong(w -> w[1]).sum();
        Set<Long> seen = new HashSet<>();
        long chainsTotal = 0;
        List<String> wrong = new ArrayList<>();
        int chainsWrong = 0;
        long waitersMissing = 0;
        long nsMissing = 0;
        List<Chain> chains = timedOnly(id, () -> analysis.chains(id));
        for (Chain c : chains) {
            int before = wrong.size();
            List<ChainWait> nodes = new ArrayList<>();
            flatten(c.waits(), null, nodes, wrong, c);
            long rootNs = nodes.stream().mapToLong(ChainWait::rootNs).sum();
            long offCpu = nodes.stream().mapToLong(ChainWait::rootOffCpuNs).sum();
            String where = "chain of root " + c.tid() + " lock " + c.lockId() + " at "
                    + c.begin() + ": ";
            if (c.waitNs() != rootNs) {
                wrong.add(where + "waitNs " + c.waitNs() + " != sum of its waits " + rootNs);
            }
            if (c.rootOffCpuNs() != offCpu) {
                wrong.add(where + "rootOffCpuNs " + c.rootOffCpuNs() + " != sum " + offCpu);
            }
            if (c.waiters() != nodes.size()) {
                wrong.add(where + "waiters " + c.waiters() + " != waits " + nodes.size());
            }
            long begin = nodes.stream().mapToLong(ChainWait::begin).min().orElse(c.begin());
            long end = nodes.stream().mapToLong(ChainWait::end).max().orElse(c.end());
            if (!nodes.isEmpty() && (begin != c.begin() || end != c.end())) {
                wrong.add(where + "spans " + c.begin() + ".." + c.end() + ", its waits "
                        + begin + ".." + end);
            }
            for (ChainWait w : nodes) {
                long[] row = waits.get(w.waitId());
                if (!seen.add(w.waitId())) {
                    wrong.add(where + "wait " + w.waitId() + " is in another chain too");
                }
                if (row == null || row[0] != w.tid() || row[1] != w.durationNs()) {
                    wrong.add(where + "wait " + w.waitId() + " is not the waits table's");
                }
                if (w.rootOffCpuNs() < 0 || w.rootOffCpuNs() > w.rootNs()
                        || w.rootNs() > w.durationNs()) {
                    wrong.add(where + "wait " + w.waitId() + ": off CPU " + w.rootOffCpuNs()
                            + ", rootNs " + w.rootNs() + ", duration " + w.durationNs());
                }
            }
            chainsTotal += c.waitNs();
            if (wrong.size() > before) {
                chainsWrong++;
                waitersMissing += c.waiters() - nodes.size();
                nsMissing += c.waitNs() - rootNs;
            }
        }
        if (chainsTotal > waitsTotal) {
            wrong.add("the chains hold " + chainsTotal + " ns of waiting, the waits table "
                    + waitsTotal);
        }
        assertTrue(wrong.isEmpty(), trace + ": " + chainsWrong + " of " + chains.size()
                + " chains inconsistent, their trees short of " + waitersMissing
                + " waits and " + nsMissing + " ns; first: "
                + wrong.subList(0, Math.min(5, wrong.size())));
    }

    /** The tree's nodes in {@code out}; a child whose thread did not wait for its parent's. */
    private static void flatten(List<ChainWait> level, ChainWait parent, List<ChainWait> out,
                                List<String> wrong, Chain c) {
        for (ChainWait w : level) {
            if (parent != null && (w.blockedBy() == null || w.blockedBy() != parent.tid())) {
                wrong.add("chain of root " + c.tid() + ": wait " + w.waitId() + " hangs under "
                        + parent.waitId() + " (thread " + parent.tid() + ") but waited for "
                        + w.blockedBy());
            }
            out.add(w);
            flatten(w.children(), w, out, wrong, c);
        }
    }

    /**
     * (c) Attribution hands out each lock's waiting exactly once. The rule, from
     * Attribution.Cells: it walks every wait that has blame rows (chain_waits.sql: no filter on
     * enclosing_wait_id, so a spinlock wait nested in an rwsem wait counts on its own lock,
     * and none on cut_start/cut_end), takes the time of its blame pieces traced to their
     * roots (each piece's duration / share; unresolved time goes to 'unknown', never dropped)
     * and splits it among the holder causes by shares that sum to 1 (a hold's hold_causes ns
     * sum to its duration; no hold: 'handoff'). The cell's lock is the waiter's lock name,
     * 'other locks' when the lock has none. Blame covers each wait whole (a wait without
     * blame lasts 0 ns), so for every lock name its cells sum to the duration_ns of all waits
     * on locks of that name. Cells are doubles rounded one by one: 1 ns per cell of slack.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void attributionCellsOfEachLockSumToThatLocksWaitTime(String trace) throws Exception {
        int id = trace(trace);
        Map<String, Long> waited = new TreeMap<>();
        for (Map<String, Object> r : analysis.query("""
                SELECT coalesce(l.name, 'other locks') AS lock, sum(w.duration_ns) AS ns
                FROM waits w JOIN locks l USING (trace_id, lock_id)
                WHERE w.trace_id = $1 GROUP BY 1""", id)) {
            waited.put((String) r.get("lock"), ((Number) r.get("ns")).longValue());
        }
        Map<String, Long> cells = new TreeMap<>();
        Map<String, Integer> cellCount = new HashMap<>();
        for (Attribution.Cell c : timedOnly(id, () -> analysis.attribution(id,
                CauseTaxonomy.shipped()))) {
            assertTrue(c.waitNs() >= 0, trace + ": negative cell " + c);
            cells.merge(c.lock(), c.waitNs(), Long::sum);
            cellCount.merge(c.lock(), 1, Integer::sum);
        }
        List<String> wrong = new ArrayList<>();
        Set<String> locks = new TreeSet<>(waited.keySet());
        locks.addAll(cells.keySet());
        for (String lock : locks) {
            long want = waited.getOrDefault(lock, 0L);
            long got = cells.getOrDefault(lock, 0L);
            int tolerance = cellCount.getOrDefault(lock, 0);
            if (Math.abs(got - want) > tolerance) {
                wrong.add(lock + ": cells " + got + " ns (" + tolerance + " cells), waits "
                        + want + " ns, off by " + (got - want));
            }
        }
        assertTrue(wrong.isEmpty(), trace + ": " + wrong);
    }

    /**
     * (d) A finding cannot save more waiting than there was: savedNs is at most the waiting on
     * the lock it names and at most the trace's. The lock's waiting: the waits on locks of that
     * name (locks.name; 'lock ADDR' for an unnamed one, as InversionWhatIf names it; every
     * mmap_lock of the trace for 'mmap_lock'). Two findings measure waiting the waits table
     * cannot name: vmalloc's 'vmap area lock' in a trace without stacks is the spinlock waits
     * that end just before an alloc_vmap_area (vmalloc.sql), so its bound is the trace's
     * spinlock waits; a spinlock finding from a bpftrace map keyed by stack (figure 'stacks')
     * measured its waiting in the map, so its bound, for the lock and the trace, is the sum of
     * the trace's stack-keyed map values. A finding naming no lock (zeroing) has only the
     * trace's bound.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void noFindingSavesMoreThanTheWaitingOnItsLockOrInTheTrace(String trace) throws Exception {
        int id = trace(trace);
        long traceWaits = one("SELECT coalesce(sum(duration_ns), 0) FROM waits "
                + "WHERE trace_id = $1", id);
        long mapWaits = one("SELECT coalesce(sum(value), 0) FROM bpftrace_maps "
                + "WHERE trace_id = $1 AND stack_id IS NOT NULL AND value IS NOT NULL", id);
        List<String> wrong = new ArrayList<>();
        for (Finding f : timedOnly(id, () -> analysis.findings(id))) {
            boolean fromMap = f.figures().containsKey("stacks");
            long traceBound = fromMap ? mapWaits : traceWaits;
            Long lockBound = fromMap ? Long.valueOf(mapWaits) : lockWaiting(id, f);
            String what = f.scenario() + " on " + f.lock() + " saves " + f.savedNs();
            if (f.savedNs() < 0) {
                wrong.add(what + ": negative");
            }
            if (lockBound != null && f.savedNs() > lockBound) {
                wrong.add(what + " > the lock's waiting " + lockBound);
            }
            if (f.savedNs() > traceBound) {
                wrong.add(what + " > the trace's waiting " + traceBound);
            }
        }
        assertTrue(wrong.isEmpty(), trace + ": " + wrong);
    }

    /** The waiting on the lock a finding names (see above); null when it names none. */
    private static Long lockWaiting(int id, Finding f) throws SQLException {
        if (f.lock() == null) {
            return null;
        }
        if (f.scenario().equals("vmalloc") && one("SELECT count(*) FROM locks "
                + "WHERE trace_id = $1 AND name = $2", id, f.lock()) == 0) {
            return one("SELECT coalesce(sum(duration_ns), 0) FROM waits "
                    + "WHERE trace_id = $1 AND lock_type = 'spinlock'", id);
        }
        return one("""
                SELECT coalesce(sum(w.duration_ns), 0)
                FROM waits w JOIN locks l USING (trace_id, lock_id)
                WHERE w.trace_id = $1
                  AND (l.name = $2 OR (l.name IS NULL AND 'lock ' || l.lock_addr = $2))""",
                id, f.lock());
    }

    /**
     * (d) An inversion's lost time is waiting its victims did: lostNs is the victims' lostNs
     * summed, each victim lost at most the waiting it traced to the root, and all of it at most
     * the victims' waiting in the waits table over the chain's span, the chain's waiting and
     * the time the root was off CPU.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void noInversionLosesMoreThanItsVictimsWaited(String trace) throws Exception {
        int id = trace(trace);
        List<String> wrong = new ArrayList<>();
        for (Inversion i : timedOnly(id, () -> analysis.inversions(id))) {
            Chain c = i.chain();
            String what = "inversion of root " + c.tid() + " at " + c.begin() + " loses "
                    + i.lostNs();
            long victimsLost = i.victims().stream().mapToLong(Inversion.Victim::lostNs).sum();
            if (i.lostNs() != victimsLost) {
                wrong.add(what + " != its victims' " + victimsLost);
            }
            for (Inversion.Victim v : i.victims()) {
                if (v.lostNs() < 0 || v.lostNs() > v.waitNs()) {
                    wrong.add(what + ": victim " + v.tid() + " lost " + v.lostNs()
                            + " of " + v.waitNs());
                }
            }
            String tids = i.victims().stream().map(v -> Integer.toString(v.tid()))
                    .collect(Collectors.joining(","));
            long victimsWaited = tids.isEmpty() ? 0 : one("SELECT coalesce(sum(duration_ns), 0) "
                    + "FROM waits WHERE trace_id = $1 AND begin_ts >= $2 AND end_ts <= $3 "
                    + "AND list_contains(string_split($4, ',')::INTEGER[], tid)",
                    id, c.begin(), c.end(), tids);
            if (i.lostNs() > victimsWaited) {
                wrong.add(what + " > its victims' waiting " + victimsWaited);
            }
            if (i.lostNs() > c.waitNs() || i.lostNs() > c.rootOffCpuNs()) {
                wrong.add(what + " > the chain's waiting " + c.waitNs() + " or off CPU "
                        + c.rootOffCpuNs());
            }
        }
        assertTrue(wrong.isEmpty(), trace + ": " + wrong);
    }

    /**
     * A spinning lock is held with preemption off: its holder runs all along. So no spinlock
     * or rwlock hold (the rq lock is one) longer than its holder's time on the CPU inside it
     * may be exact; where the trace shows no release, the hold is an inference (exact false).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void noSpinningLockHoldLongerThanItsHoldersTimeOnCpuIsExact(String trace) throws Exception {
        int id = trace(trace);
        long wrong = one("""
                SELECT count(*) FROM holds h
                JOIN locks l ON l.trace_id = h.trace_id AND l.lock_id = h.lock_id
                WHERE h.trace_id = $1 AND l.kind IN ('spinlock', 'rwlock') AND h.exact
                  AND h.duration_ns > (
                      SELECT coalesce(sum(least(s.end_ts, h.end_ts)
                                          - greatest(s.begin_ts, h.begin_ts)), 0)
                      FROM thread_states s
                      WHERE s.trace_id = h.trace_id AND s.tid = h.tid
                        AND s.state = 'running' AND s.begin_ts < h.end_ts
                        AND s.end_ts > h.begin_ts)""", id);
        assertEquals(0, wrong, trace);
    }

    private static long one(String sql, Object... params) throws SQLException {
        return ((Number) analysis.query(sql, params).get(0).values().iterator().next())
                .longValue();
    }
}
