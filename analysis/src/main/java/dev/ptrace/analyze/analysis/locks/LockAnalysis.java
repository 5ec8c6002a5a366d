package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.analysis.contention.LockTypes;
import dev.ptrace.analyze.analysis.replay.ReplayEvent;
import dev.ptrace.analyze.analysis.replay.ReplayEvents;
import dev.ptrace.analyze.analysis.threads.ThreadState;
import dev.ptrace.analyze.analysis.threads.ThreadStateTracker;
import dev.ptrace.analyze.knowledge.SqlResource;
import dev.ptrace.analyze.store.RowAppender;
import dev.ptrace.analyze.store.Tables;
import dev.ptrace.analyze.store.TraceDerivation;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * Derives the lock tables of one trace from its events: locks, then one replay in time order
 * that feeds the thread-state machine and the wait tracker and writes thread_states and waits.
 */
public final class LockAnalysis implements TraceDerivation {
    private static final String TOTALS_SQL = SqlResource.load("/sql/locks/lock_wait_totals.sql");

    private final LockNames names;

    public LockAnalysis(LockNames names) {
        this.names = names;
    }

    public static LockAnalysis shipped() {
        return new LockAnalysis(LockNames.shipped());
    }

    @Override
    public void derive(DuckDBConnection conn, int traceId) throws SQLException {
        long[] bounds = bounds(conn, traceId);
        if (bounds == null) {
            return;
        }
        LockRegistry locks = LockRegistry.build(conn, traceId, names);
        try (RowAppender lockRows = RowAppender.open(conn, Tables.LOCKS)) {
            for (LockInfo l : locks.all()) {
                lockRows.row(traceId, l.id(), l.addr(), l.mm(), l.kind(), l.name(),
                        l.nameSource(), l.pid(), null, null);
            }
        }
        try (RowAppender stateRows = RowAppender.open(conn, Tables.THREAD_STATES);
             RowAppender waitRows = RowAppender.open(conn, Tables.WAITS)) {
            ThreadStateTracker states = new ThreadStateTracker(s -> stateRows.row(traceId,
                    s.tid(), s.comm(), s.state(), s.kernelState(), s.begin(), s.end(),
                    s.end() - s.begin(), s.cpu(), s.prio(), s.beginExact(), s.endExact()));
            WaitTracker waits = new WaitTracker(bounds[0], w -> waitRows.row(traceId, w.id(),
                    w.tid(), w.comm(), w.lock().id(),
                    w.flags() == null ? null : LockTypes.name(w.flags()), w.mode(), w.flags(),
                    w.begin(), w.end(), w.duration(), w.acquired(), w.ret(), w.stackId(),
                    w.syscall(), w.enclosingId(), w.cutStart(), w.cutEnd()));
            ReplayEvents.replay(conn, traceId, e -> replay(e, locks, states, waits));
            states.finishAll(bounds[1]);
            waits.finishAll(bounds[1]);
        }
        try (PreparedStatement ps = conn.prepareStatement(TOTALS_SQL)) {
            ps.setInt(1, traceId);
            ps.executeUpdate();
        }
    }

    private static void replay(ReplayEvent e, LockRegistry locks, ThreadStateTracker states,
                               WaitTracker waits) throws SQLException {
        switch (e.kind()) {
            case SWITCH -> states.onSwitch(e.ts(), e.cpu(), e.tid(), e.comm(), e.prio(),
                    e.text(), e.other(), e.otherComm(), e.otherPrio());
            case WAKEUP -> {
                states.onOwnEvent(e.ts(), e.tid(), e.comm(), e.cpu());
                states.onWakeup(e.ts(), e.other(), e.otherComm(), e.otherPrio(),
                        e.num() == null ? null : e.num().intValue());
            }
            case CONTENTION_BEGIN -> {
                states.onOwnEvent(e.ts(), e.tid(), e.comm(), e.cpu());
                waits.onBegin(e.ts(), e.tid(), e.comm(), locks.byAddr(e.addr()),
                        e.num().intValue(), e.stackId());
            }
            case CONTENTION_END -> {
                states.onOwnEvent(e.ts(), e.tid(), e.comm(), e.cpu());
                LockInfo lock = locks.byAddr(e.addr());
                if (lock != null) {
                    waits.onEnd(e.ts(), e.tid(), e.comm(), lock,
                            e.num() == null ? 0 : e.num().intValue());
                }
            }
            case SYSCALL_ENTER -> {
                states.onOwnEvent(e.ts(), e.tid(), e.comm(), e.cpu());
                waits.onSyscallEnter(e.tid(), e.text());
            }
            case SYSCALL_EXIT -> {
                states.onOwnEvent(e.ts(), e.tid(), e.comm(), e.cpu());
                waits.onSyscallExit(e.tid());
            }
            case MMAP_START, MMAP_ACQUIRED, MMAP_RELEASED ->
                    states.onOwnEvent(e.ts(), e.tid(), e.comm(), e.cpu());
        }
    }

    /** first_ts and last_ts of the trace; null when it has no events. */
    private static long[] bounds(DuckDBConnection conn, int traceId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT first_ts, last_ts FROM traces WHERE trace_id = ?")) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getObject(1) == null) {
                    return null;
                }
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}
