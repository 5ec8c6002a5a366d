package dev.ptrace.analyze.store;

import dev.ptrace.analyze.event.EventHandler;
import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.HistogramBucket;
import dev.ptrace.analyze.event.LockContention;
import dev.ptrace.analyze.event.LockFlags;
import dev.ptrace.analyze.event.MapEntry;
import dev.ptrace.analyze.event.MmapLockEvent;
import dev.ptrace.analyze.event.OtherEvent;
import dev.ptrace.analyze.event.Sample;
import dev.ptrace.analyze.event.SchedSwitch;
import dev.ptrace.analyze.event.SchedWakeup;
import dev.ptrace.analyze.event.SinkItem;
import dev.ptrace.analyze.event.SyscallEvent;
import dev.ptrace.analyze.event.TextLine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes events into the tables of {@link Tables}, column by column ({@link BulkRows}, a batch
 * of rows per insert), in the connection's open transaction. Keeps the few per-trace totals
 * the traces row needs.
 */
public final class DuckDbSink implements PipelinedSink.Target, EventHandler {
    private final int traceId;
    private final Map<String, BulkRows> tables = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private long events;
    private long untimed;
    private long stacks;
    private long firstTs = Long.MAX_VALUE;
    private long lastTs = Long.MIN_VALUE;

    public DuckDbSink(Connection conn, int traceId) {
        this.traceId = traceId;
        List<TableDef> defs = new ArrayList<>(Tables.EVENT_TABLES);
        defs.addAll(List.of(Tables.STACK_FRAMES, Tables.BPFTRACE_MAPS,
                Tables.BPFTRACE_HISTOGRAMS, Tables.TEXT_LINES));
        for (TableDef t : defs) {
            tables.put(t.name(), BulkRows.batched(conn, t));
        }
    }

    @Override
    public void item(SinkItem item) {
        item.sendTo(this);
    }

    @Override
    public void schedSwitch(SchedSwitch e) {
        row(Tables.SCHED_SWITCH, e.header()).s(e.prevComm()).i(e.prevPid()).i(e.prevPrio())
                .s(e.prevState()).s(e.nextComm()).i(e.nextPid()).i(e.nextPrio()).end();
    }

    @Override
    public void schedWakeup(SchedWakeup e) {
        row(Tables.SCHED_WAKEUP, e.header()).s(e.comm()).i(e.pid()).i(e.prio())
                .i(e.targetCpu()).end();
    }

    @Override
    public void lockContention(LockContention e) {
        row(Tables.LOCK_CONTENTION, e.header()).s(e.begin() ? "begin" : "end").s(e.lockAddr())
                .i(e.flags()).s(e.flags() == null ? null : LockFlags.format(e.flags()))
                .i(e.ret()).end();
    }

    @Override
    public void mmapLock(MmapLockEvent e) {
        row(Tables.MMAP_LOCK, e.header()).s(e.phase()).s(e.mm()).l(e.memcgId()).b(e.write())
                .b(e.success()).end();
    }

    @Override
    public void syscall(SyscallEvent e) {
        row(Tables.SYSCALLS, e.header()).s(e.enter() ? "enter" : "exit").s(e.name())
                .m(e.args()).l(e.ret()).end();
    }

    @Override
    public void sample(Sample e) {
        BulkRows r = row(Tables.SAMPLES, e.header());
        (e.period() < 0 ? r.nul() : r.l(e.period())).end();
    }

    @Override
    public void other(OtherEvent e) {
        row(Tables.OTHER_EVENTS, e.header()).s(e.payload()).m(e.args()).end();
    }

    @Override
    public void mapEntry(MapEntry e) {
        BulkRows r = tables.get(Tables.BPFTRACE_MAPS.name()).i(traceId).l(e.line()).s(e.map())
                .s(e.key());
        stackId(r, e.stackId()).l(e.value()).s(e.text()).l(e.count()).l(e.average())
                .l(e.total()).end();
    }

    @Override
    public void histogramBucket(HistogramBucket b) {
        BulkRows r = tables.get(Tables.BPFTRACE_HISTOGRAMS.name()).i(traceId).l(b.line())
                .s(b.map()).s(b.key());
        stackId(r, b.stackId()).l(b.low()).l(b.high()).l(b.count()).end();
    }

    @Override
    public void textLine(TextLine t) {
        tables.get(Tables.TEXT_LINES.name()).i(traceId).l(t.line()).s(t.kind()).s(t.text())
                .end();
    }

    @Override
    public void stack(long stackId, List<Frame> frames) {
        stacks++;
        BulkRows r = tables.get(Tables.STACK_FRAMES.name());
        for (int depth = 0; depth < frames.size(); depth++) {
            Frame f = frames.get(depth);
            r.i(traceId).l(stackId).i(depth).s(f.ip()).s(f.symbol()).l(f.offset())
                    .s(f.module()).end();
        }
    }

    @Override
    public void metadata(String key, String value) {
        metadata.put(key, value);
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public long events() {
        return events;
    }

    public long stacks() {
        return stacks;
    }

    /** Events written without a time (the input did not show it). */
    public long untimedEvents() {
        return untimed;
    }

    /** Earliest timestamp written, or null when no event had one. */
    public Long firstTs() {
        return events == untimed ? null : firstTs;
    }

    public Long lastTs() {
        return events == untimed ? null : lastTs;
    }

    private BulkRows row(TableDef table, EventHeader h) {
        events++;
        BulkRows r = tables.get(table.name()).i(traceId).l(h.seq()).l(h.line());
        if (h.timed()) {
            firstTs = Math.min(firstTs, h.ts());
            lastTs = Math.max(lastTs, h.ts());
            r.l(h.ts());
        } else {
            untimed++;
            r.nul();
        }
        optionalId(r, h.cpu());
        optionalId(r, h.pid());
        if (h.tid() == EventHeader.NO_TID) {
            r.nul();
        } else {
            r.i(h.tid());
        }
        r.s(h.comm()).s(h.event());
        return stackId(r, h.stackId());
    }

    private static BulkRows stackId(BulkRows r, long stackId) {
        return stackId == EventHeader.NO_STACK ? r.nul() : r.l(stackId);
    }

    private static void optionalId(BulkRows r, int id) {
        if (id == EventHeader.UNKNOWN) {
            r.nul();
        } else {
            r.i(id);
        }
    }

    /** Inserts the rows not inserted yet; they become part of the open transaction. */
    @Override
    public void close() {
        StoreException first = null;
        for (BulkRows r : tables.values()) {
            try {
                r.finish();
            } catch (SQLException | StoreException e) {
                if (first == null) {
                    first = e instanceof StoreException s ? s : new StoreException(
                            "cannot write to the database: " + e.getMessage(), e);
                }
            } finally {
                r.close();
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
