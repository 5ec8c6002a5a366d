package dev.ptrace.analyze.analysis.replay;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.HistogramBucket;
import dev.ptrace.analyze.event.LockContention;
import dev.ptrace.analyze.event.MapEntry;
import dev.ptrace.analyze.event.MmapLockEvent;
import dev.ptrace.analyze.event.OtherEvent;
import dev.ptrace.analyze.event.Sample;
import dev.ptrace.analyze.event.SchedSwitch;
import dev.ptrace.analyze.event.SchedWakeup;
import dev.ptrace.analyze.event.SyscallEvent;
import dev.ptrace.analyze.event.TextLine;
import dev.ptrace.analyze.store.ColumnKind;
import dev.ptrace.analyze.store.RowSpill;
import dev.ptrace.analyze.store.TraceDerivation;
import java.sql.SQLException;
import java.util.List;

/**
 * The replay's events of one trace, kept as they are stored (a {@link RowSpill}: past a few
 * MB in a temporary file), so that the replay reads them back without querying and sorting
 * the tables. It holds them in time order only when the input was: an event earlier than the
 * one before (bpftrace's per-CPU buffers, perf --no-ordering) makes it
 * {@linkplain #inOrder() out of order}, and the replay then reads the tables sorted
 * ({@link ReplayEvents}). The columns are the fields of {@link ReplayEvent}, which
 * replay_events.sql selects.
 */
public final class ReplayLog implements TraceDerivation.Watcher {
    /** Chunks kept in memory (about 8 MB); the rest go to the temporary file. */
    private static final int CHUNKS_IN_MEMORY = 32;

    private final RowSpill events = new RowSpill("replay", CHUNKS_IN_MEMORY,
            ColumnKind.INT, ColumnKind.BIGINT, ColumnKind.INT, ColumnKind.INT, ColumnKind.TEXT,
            ColumnKind.INT, ColumnKind.TEXT, ColumnKind.INT, ColumnKind.TEXT, ColumnKind.INT,
            ColumnKind.TEXT, ColumnKind.BIGINT, ColumnKind.BOOL, ColumnKind.BOOL,
            ColumnKind.BIGINT);
    private long lastTs = Long.MIN_VALUE;
    private boolean inOrder = true;

    /** Whether the events came in time order, so that input order is the replay's order. */
    public boolean inOrder() {
        return inOrder;
    }

    @Override
    public void schedSwitch(SchedSwitch e) {
        record(ReplayEvent.Kind.SWITCH, e.header(), e.prevPid(), e.prevComm(), e.prevPrio(),
                e.prevState(), e.nextPid(), e.nextComm(), e.nextPrio(), null, null, null, null,
                null);
    }

    @Override
    public void schedWakeup(SchedWakeup e) {
        EventHeader h = e.header();
        record(ReplayEvent.Kind.WAKEUP, h, h.tid(), h.comm(), null, null, e.pid(), e.comm(),
                e.prio(), null, (long) e.targetCpu(), null, null, null);
    }

    @Override
    public void lockContention(LockContention e) {
        EventHeader h = e.header();
        Long num = e.begin() ? Long.valueOf(e.flags() == null ? 0 : e.flags())
                : e.ret() == null ? null : Long.valueOf(e.ret());
        record(e.begin() ? ReplayEvent.Kind.CONTENTION_BEGIN : ReplayEvent.Kind.CONTENTION_END,
                h, h.tid(), h.comm(), null, null, null, null, null, e.lockAddr(), num, null,
                null, h.stackId() == EventHeader.NO_STACK ? null : h.stackId());
    }

    @Override
    public void mmapLock(MmapLockEvent e) {
        EventHeader h = e.header();
        ReplayEvent.Kind kind = switch (e.phase()) {
            case "start_locking" -> ReplayEvent.Kind.MMAP_START;
            case "acquire_returned" -> ReplayEvent.Kind.MMAP_ACQUIRED;
            default -> ReplayEvent.Kind.MMAP_RELEASED;
        };
        record(kind, h, h.tid(), h.comm(), null, null, null, null, null, e.mm(), null,
                e.write(), e.success(), null);
    }

    @Override
    public void syscall(SyscallEvent e) {
        EventHeader h = e.header();
        record(e.enter() ? ReplayEvent.Kind.SYSCALL_ENTER : ReplayEvent.Kind.SYSCALL_EXIT, h,
                h.tid(), h.comm(), null, e.name(), null, null, null, null, null, null, null,
                null);
    }

    @Override
    public void sample(Sample e) {
    }

    @Override
    public void other(OtherEvent e) {
    }

    @Override
    public void mapEntry(MapEntry e) {
    }

    @Override
    public void histogramBucket(HistogramBucket b) {
    }

    @Override
    public void textLine(TextLine t) {
    }

    @Override
    public void stack(long stackId, List<Frame> frames) {
    }

    @Override
    public void metadata(String key, String value) {
    }

    private void record(ReplayEvent.Kind kind, EventHeader h, int tid, String comm, Integer prio,
                        String text, Integer other, String otherComm, Integer otherPrio,
                        String addr, Long num, Boolean write, Boolean success, Long stackId) {
        if (!inOrder) {
            return;
        }
        if (h.ts() < lastTs) {
            inOrder = false;
            return;
        }
        lastTs = h.ts();
        events.i(kind.ordinal()).l(h.ts())
                .i(h.cpu() == EventHeader.UNKNOWN ? null : h.cpu()).i(tid).s(comm).i(prio)
                .s(text).i(other).s(otherComm).i(otherPrio).s(addr).l(num).b(write)
                .b(success).l(stackId);
        events.end();
    }

    /** Replays the events in the order they came. */
    public void replay(ReplayEvents.Consumer consumer) throws SQLException {
        ReplayEvent.Kind[] kinds = ReplayEvent.Kind.values();
        RowSpill.Reader r = events.reader();
        while (r.next()) {
            consumer.accept(new ReplayEvent(kinds[r.getInt(0)], r.getLong(1),
                    r.getIntOrNull(2), r.getInt(3), r.getString(4), r.getIntOrNull(5),
                    r.getString(6), r.getIntOrNull(7), r.getString(8), r.getIntOrNull(9),
                    r.getString(10), r.getLongOrNull(11), r.getBooleanOrNull(12),
                    r.getBooleanOrNull(13), r.getLongOrNull(14)));
        }
    }

    @Override
    public void close() {
        events.close();
    }
}
