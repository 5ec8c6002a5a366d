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
import dev.ptrace.analyze.store.row.BpftraceHistogramRow;
import dev.ptrace.analyze.store.row.BpftraceHistogramRowWriter;
import dev.ptrace.analyze.store.row.BpftraceMapRow;
import dev.ptrace.analyze.store.row.BpftraceMapRowWriter;
import dev.ptrace.analyze.store.row.EventColumns;
import dev.ptrace.analyze.store.row.LockContentionRow;
import dev.ptrace.analyze.store.row.LockContentionRowWriter;
import dev.ptrace.analyze.store.row.MmapLockRow;
import dev.ptrace.analyze.store.row.MmapLockRowWriter;
import dev.ptrace.analyze.store.row.OtherEventRow;
import dev.ptrace.analyze.store.row.OtherEventRowWriter;
import dev.ptrace.analyze.store.row.SampleRow;
import dev.ptrace.analyze.store.row.SampleRowWriter;
import dev.ptrace.analyze.store.row.SchedSwitchRow;
import dev.ptrace.analyze.store.row.SchedSwitchRowWriter;
import dev.ptrace.analyze.store.row.SchedWakeupRow;
import dev.ptrace.analyze.store.row.SchedWakeupRowWriter;
import dev.ptrace.analyze.store.row.StackFrameRow;
import dev.ptrace.analyze.store.row.StackFrameRowWriter;
import dev.ptrace.analyze.store.row.SyscallRow;
import dev.ptrace.analyze.store.row.SyscallRowWriter;
import dev.ptrace.analyze.store.row.TextLineRow;
import dev.ptrace.analyze.store.row.TextLineRowWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes events into the tables of {@link Tables} as their row records, each added by the
 * writer the build generates from tables.tsv ({@link RowOf}) into {@link BulkRows} (a batch
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
        SchedSwitchRowWriter.write(rows(Tables.SCHED_SWITCH), new SchedSwitchRow(
                columns(e.header()), e.prevComm(), e.prevPid(), e.prevPrio(), e.prevState(),
                e.nextComm(), e.nextPid(), e.nextPrio()));
    }

    @Override
    public void schedWakeup(SchedWakeup e) {
        SchedWakeupRowWriter.write(rows(Tables.SCHED_WAKEUP), new SchedWakeupRow(
                columns(e.header()), e.comm(), e.pid(), e.prio(), e.targetCpu()));
    }

    @Override
    public void lockContention(LockContention e) {
        LockContentionRowWriter.write(rows(Tables.LOCK_CONTENTION), new LockContentionRow(
                columns(e.header()), e.begin() ? "begin" : "end", e.lockAddr(), e.flags(),
                e.flags() == null ? null : LockFlags.format(e.flags()), e.ret()));
    }

    @Override
    public void mmapLock(MmapLockEvent e) {
        MmapLockRowWriter.write(rows(Tables.MMAP_LOCK), new MmapLockRow(columns(e.header()),
                e.phase(), e.mm(), e.memcgId(), e.write(), e.success()));
    }

    @Override
    public void syscall(SyscallEvent e) {
        SyscallRowWriter.write(rows(Tables.SYSCALLS), new SyscallRow(columns(e.header()),
                e.enter() ? "enter" : "exit", e.name(), e.args(), e.ret()));
    }

    @Override
    public void sample(Sample e) {
        SampleRowWriter.write(rows(Tables.SAMPLES), new SampleRow(columns(e.header()),
                e.period() < 0 ? null : e.period()));
    }

    @Override
    public void other(OtherEvent e) {
        OtherEventRowWriter.write(rows(Tables.OTHER_EVENTS), new OtherEventRow(
                columns(e.header()), e.payload(), e.args()));
    }

    @Override
    public void mapEntry(MapEntry e) {
        BpftraceMapRowWriter.write(rows(Tables.BPFTRACE_MAPS), new BpftraceMapRow(traceId,
                e.line(), e.map(), e.key(), EventColumns.stack(e.stackId()), e.value(), e.text(),
                e.count(), e.average(), e.total()));
    }

    @Override
    public void histogramBucket(HistogramBucket b) {
        BpftraceHistogramRowWriter.write(rows(Tables.BPFTRACE_HISTOGRAMS),
                new BpftraceHistogramRow(traceId, b.line(), b.map(), b.key(),
                        EventColumns.stack(b.stackId()), b.low(), b.high(), b.count()));
    }

    @Override
    public void textLine(TextLine t) {
        TextLineRowWriter.write(rows(Tables.TEXT_LINES),
                new TextLineRow(traceId, t.line(), t.kind(), t.text()));
    }

    @Override
    public void stack(long stackId, List<Frame> frames) {
        stacks++;
        BulkRows r = rows(Tables.STACK_FRAMES);
        for (int depth = 0; depth < frames.size(); depth++) {
            Frame f = frames.get(depth);
            StackFrameRowWriter.write(r, new StackFrameRow(traceId, stackId, depth, f.ip(),
                    f.symbol(), f.offset(), f.module()));
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

    private BulkRows rows(TableDef table) {
        return tables.get(table.name());
    }

    /** The common columns of an event's row; counts the event. */
    private EventColumns columns(EventHeader h) {
        events++;
        if (h.timed()) {
            firstTs = Math.min(firstTs, h.ts());
            lastTs = Math.max(lastTs, h.ts());
        } else {
            untimed++;
        }
        return EventColumns.of(traceId, h);
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
