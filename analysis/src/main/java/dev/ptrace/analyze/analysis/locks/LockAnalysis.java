package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import dev.ptrace.analyze.analysis.causes.CauseTaxonomy;
import dev.ptrace.analyze.analysis.causes.HoldCauses;
import dev.ptrace.analyze.analysis.contention.ContentionKey;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.analysis.replay.ReplayEvents;
import dev.ptrace.analyze.analysis.replay.ReplayLog;
import dev.ptrace.analyze.analysis.threads.ThreadStateRowWriter;
import dev.ptrace.analyze.analysis.threads.ThreadStateTracker;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.progress.Progress;
import dev.ptrace.analyze.store.BulkRows;
import dev.ptrace.analyze.store.DerivedTables;
import dev.ptrace.analyze.store.Query;
import dev.ptrace.analyze.store.StatCounters;
import dev.ptrace.analyze.store.Tables;
import dev.ptrace.analyze.store.TraceDerivation;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * Derives the lock tables of one trace from its events: locks, then one replay in time order
 * ({@link Replay}) that writes thread_states, waits, holds and blame, then hold_causes.
 */
public record LockAnalysis(LockNames names, UserLockNames userNames, KernelSymbols symbols,
                           CauseClassifier causes) implements TraceDerivation {
    private static final String BOUNDS_SQL = TextResource.load("/sql/locks/trace_bounds.sql");
    private static final String TOTALS_SQL = TextResource.load("/sql/locks/lock_wait_totals.sql");
    private static final String FACTS_SQL = TextResource.load("/sql/locks/trace_facts.sql");

    /**
     * Where the names of global locks come from: a kallsyms file given for every trace, or
     * the running kernel's for a trace its header shows was taken on it since its boot.
     */
    public sealed interface KernelSymbols {
        /** The symbols for a trace whose header states {@code facts}. */
        Kallsyms forTrace(Map<String, String> facts);
    }

    /** The symbols of a kallsyms file (--kallsyms FILE). */
    public record KallsymsFile(Kallsyms kallsyms) implements KernelSymbols {
        @Override
        public Kallsyms forTrace(Map<String, String> facts) {
            return kallsyms;
        }
    }

    /** The running kernel's, when the trace was taken on it ({@link RunningKernel}). */
    public record Running(RunningKernel kernel) implements KernelSymbols {
        @Override
        public Kallsyms forTrace(Map<String, String> facts) {
            return kernel.symbolsFor(facts);
        }
    }

    /** The shipped names and causes; global locks named from the running kernel's symbols. */
    public static LockAnalysis shipped() {
        return with(new Running(RunningKernel.local()));
    }

    /** With the kernel symbols of a kallsyms file to name global locks. */
    public static LockAnalysis withKallsyms(Kallsyms kallsyms) {
        return with(new KallsymsFile(kallsyms));
    }

    static LockAnalysis with(KernelSymbols symbols) {
        return new LockAnalysis(LockNames.shipped(), UserLockNames.shipped(), symbols,
                new CauseClassifier(CauseTaxonomy.shipped()));
    }

    /** The lock replay: the tables of group derived, from the events and the stacks. */
    public static final DerivedTables REPLAY = new DerivedTables("replay", List.of(
            Tables.TRACES, Tables.TRACE_METADATA, Tables.THREADS, Tables.STACK_FRAMES,
            Tables.SCHED_SWITCH, Tables.SCHED_WAKEUP, Tables.LOCK_CONTENTION, Tables.MMAP_LOCK,
            Tables.SYSCALLS, Tables.SAMPLES), Tables.DERIVED_TABLES);

    @Override
    public DerivedTables declared() {
        return REPLAY;
    }

    /** Gathers the replay's events as they are stored (see {@link ReplayLog}). */
    @Override
    public Watcher watcher() {
        return new ReplayLog();
    }

    @Override
    public void derive(DuckDBConnection conn, int traceId, Watcher watched) throws SQLException {
        contentionStats(conn, traceId);
        long[] bounds = bounds(conn, traceId);
        if (bounds == null) {
            return;
        }
        try (FutexCalls futexCalls = FutexCalls.load(conn, traceId, userNames)) {
            replay(conn, traceId, watched, bounds, futexCalls);
        }
        Query.update(conn, TOTALS_SQL, traceId);
        Progress.stageBegins("what the holders did");
        HoldCauses.derive(conn, traceId, causes);
    }

    /** The locks, then the replay, which writes thread_states, waits, holds and blame. */
    private void replay(DuckDBConnection conn, int traceId, Watcher watched, long[] bounds,
                        FutexCalls futexCalls) throws SQLException {
        LockRegistry locks = LockRegistry.build(conn, traceId, names,
                symbols.forTrace(facts(conn, traceId)), futexCalls.words());
        try (BulkRows lockRows = new BulkRows(Tables.LOCKS)) {
            for (LockInfo l : locks.all()) {
                LockRowWriter.write(lockRows, new LockRow(traceId, l.id(), l.addr(), l.mm(),
                        l.kind().label(), l.name(), l.nameSource(), l.pid(), null, null));
            }
            lockRows.insert(conn);
        }
        // replaying from the log leaves the connection free: blame, the largest table, is
        // stored while the replay runs
        ReplayLog log = watched instanceof ReplayLog l && l.inOrder() ? l : null;
        try (BulkRows stateRows = new BulkRows(Tables.THREAD_STATES);
             BulkRows waitRows = new BulkRows(Tables.WAITS);
             BulkRows holdRows = new BulkRows(Tables.HOLDS);
             BulkRows blameRows = log != null ? BulkRows.streaming(conn, Tables.BLAME)
                     : new BulkRows(Tables.BLAME)) {
            ThreadStateTracker states = new ThreadStateTracker(traceId,
                    s -> ThreadStateRowWriter.write(stateRows, s));
            WaitTracker waits = new WaitTracker(traceId, bounds[0],
                    w -> WaitRowWriter.write(waitRows, w));
            BlameTracker blame = new BlameTracker(traceId, BlameTracker.Threads.of(states, waits),
                    p -> BlameRowWriter.write(blameRows, p));
            Replay replay = new Replay(locks, states, waits, blame, bounds[0],
                    (lock, h) -> HoldRowWriter.write(holdRows, new HoldRow(traceId, h.id(),
                            lock.id(), h.tid(), h.mode() == null ? null : h.mode().label,
                            h.begin(), h.end(), h.endBy(), h.end() - h.begin(), h.exact(),
                            h.endEvidence(), h.cutStart())), futexCalls.cursor());
            Progress.stageBegins("replaying the lock events");
            if (log != null) {
                log.replay(replay::accept);
                replay.finish(bounds[1]);
                blameRows.finish();
            } else {
                ReplayEvents.replay(conn, traceId, replay::accept);
                replay.finish(bounds[1]);
                blameRows.insert(conn);
            }
            Progress.stageBegins("writing waits and holds");
            for (BulkRows rows : List.of(stateRows, waitRows, holdRows)) {
                rows.insert(conn);
            }
        }
    }

    /** What the trace's input states about itself, by key. */
    private static Map<String, String> facts(DuckDBConnection conn, int traceId)
            throws SQLException {
        Map<String, String> facts = new HashMap<>();
        Query.forEach(conn, FACTS_SQL, rs -> facts.put(rs.getString(1), rs.getString(2)), traceId);
        return facts;
    }

    /** first_ts and last_ts of the trace; null when it has no events. */
    private static long[] bounds(DuckDBConnection conn, int traceId) throws SQLException {
        return Query.first(conn, BOUNDS_SQL, rs -> rs.getObject(1) == null ? null
                : new long[] {rs.getLong(1), rs.getLong(2)}, traceId);
    }

    /** The data-quality counters of perf's accounting (its -t), into the stats table. */
    private static void contentionStats(DuckDBConnection conn, int traceId) throws SQLException {
        PerfLockContention.Result r = PerfLockContention.run(conn, traceId,
                PerfLockContention.Options.perfDefaults(ContentionKey.THREAD));
        if (r.events() == 0) {
            return;
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("contention.events", r.events());
        counters.put("contention.bad_acquired", r.endsWithoutBegin());
        counters.put("contention.open_waits", r.openWaits());
        counters.put("contention.nested_begins", r.nestedBegins());
        counters.put("contention.ignored_ends", r.ignoredEnds());
        StatCounters.write(conn, traceId, counters);
    }
}
