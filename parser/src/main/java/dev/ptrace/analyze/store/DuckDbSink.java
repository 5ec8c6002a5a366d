package dev.ptrace.analyze.store;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.HistogramBucket;
import dev.ptrace.analyze.event.MapEntry;
import dev.ptrace.analyze.event.TextLine;
import dev.ptrace.analyze.event.LockContention;
import dev.ptrace.analyze.event.LockFlags;
import dev.ptrace.analyze.event.MmapLockEvent;
import dev.ptrace.analyze.event.OtherEvent;
import dev.ptrace.analyze.event.Sample;
import dev.ptrace.analyze.event.SchedSwitch;
import dev.ptrace.analyze.event.SchedWakeup;
import dev.ptrace.analyze.event.SyscallEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes events into the tables of {@link Tables} through DuckDB Appenders, one per table, in
 * the connection's open transaction. Keeps the few per-trace totals the traces row needs.
 */
public final class DuckDbSink implements PipelinedSink.Target {
    private final int traceId;
    private final Map<String, DuckDBAppender> appenders = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private long events;
    private long stacks;
    private long firstTs = Long.MAX_VALUE;
    private long lastTs = Long.MIN_VALUE;

    public DuckDbSink(DuckDBConnection conn, int traceId) throws SQLException {
        this.traceId = traceId;
        List<TableDef> tables = new ArrayList<>(Tables.EVENT_TABLES);
        tables.addAll(List.of(Tables.STACK_FRAMES, Tables.BPFTRACE_MAPS,
                Tables.BPFTRACE_HISTOGRAMS, Tables.TEXT_LINES));
        for (TableDef t : tables) {
            appenders.put(t.name(), conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, t.name()));
        }
    }

    @Override
    public void schedSwitch(SchedSwitch e) {
        write(() -> row(Tables.SCHED_SWITCH, e.header())
                .append(e.prevComm()).append(e.prevPid()).append(e.prevPrio())
                .append(e.prevState()).append(e.nextComm()).append(e.nextPid())
                .append(e.nextPrio()).endRow());
    }

    @Override
    public void schedWakeup(SchedWakeup e) {
        write(() -> row(Tables.SCHED_WAKEUP, e.header())
                .append(e.comm()).append(e.pid()).append(e.prio()).append(e.targetCpu())
                .endRow());
    }

    @Override
    public void lockContention(LockContention e) {
        write(() -> {
            DuckDBAppender a = row(Tables.LOCK_CONTENTION, e.header())
                    .append(e.begin() ? "begin" : "end").append(e.lockAddr());
            nullable(a, e.flags());
            if (e.flags() == null) {
                a.appendNull();
            } else {
                a.append(LockFlags.format(e.flags()));
            }
            nullable(a, e.ret());
            a.endRow();
        });
    }

    @Override
    public void mmapLock(MmapLockEvent e) {
        write(() -> {
            DuckDBAppender a = row(Tables.MMAP_LOCK, e.header()).append(e.phase()).append(e.mm());
            nullable(a, e.memcgId());
            a.append(e.write());
            nullable(a, e.success());
            a.endRow();
        });
    }

    @Override
    public void syscall(SyscallEvent e) {
        write(() -> {
            DuckDBAppender a = row(Tables.SYSCALLS, e.header())
                    .append(e.enter() ? "enter" : "exit").append(e.name()).append(e.args());
            nullable(a, e.ret());
            a.endRow();
        });
    }

    @Override
    public void sample(Sample e) {
        write(() -> row(Tables.SAMPLES, e.header()).append(e.period()).endRow());
    }

    @Override
    public void other(OtherEvent e) {
        write(() -> row(Tables.OTHER_EVENTS, e.header()).append(e.payload()).append(e.args())
                .endRow());
    }

    @Override
    public void mapEntry(MapEntry e) {
        write(() -> {
            DuckDBAppender a = appenders.get(Tables.BPFTRACE_MAPS.name()).beginRow()
                    .append(traceId).append(e.line()).append(e.map());
            nullable(a, e.key());
            nullableId(a, e.stackId());
            nullable(a, e.value());
            nullable(a, e.text());
            nullable(a, e.count());
            nullable(a, e.average());
            nullable(a, e.total());
            a.endRow();
        });
    }

    @Override
    public void histogramBucket(HistogramBucket b) {
        write(() -> {
            DuckDBAppender a = appenders.get(Tables.BPFTRACE_HISTOGRAMS.name()).beginRow()
                    .append(traceId).append(b.line()).append(b.map());
            nullable(a, b.key());
            nullableId(a, b.stackId());
            nullable(a, b.low());
            nullable(a, b.high());
            a.append(b.count()).endRow();
        });
    }

    @Override
    public void textLine(TextLine t) {
        write(() -> appenders.get(Tables.TEXT_LINES.name()).beginRow().append(traceId)
                .append(t.line()).append(t.kind()).append(t.text()).endRow());
    }

    @Override
    public void stack(long stackId, List<Frame> frames) {
        stacks++;
        DuckDBAppender a = appenders.get(Tables.STACK_FRAMES.name());
        write(() -> {
            for (int depth = 0; depth < frames.size(); depth++) {
                Frame f = frames.get(depth);
                a.beginRow().append(traceId).append(stackId).append(depth).append(f.ip());
                nullable(a, f.symbol());
                a.append(f.offset());
                nullable(a, f.module());
                a.endRow();
            }
        });
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

    /** Earliest timestamp written, or null when no event was. */
    public Long firstTs() {
        return events == 0 ? null : firstTs;
    }

    public Long lastTs() {
        return events == 0 ? null : lastTs;
    }

    private DuckDBAppender row(TableDef table, EventHeader h) throws SQLException {
        events++;
        firstTs = Math.min(firstTs, h.ts());
        lastTs = Math.max(lastTs, h.ts());
        DuckDBAppender a = appenders.get(table.name());
        a.beginRow().append(traceId).append(h.seq()).append(h.line()).append(h.ts());
        optionalId(a, h.cpu());
        optionalId(a, h.pid());
        a.append(h.tid()).append(h.comm()).append(h.event());
        nullableId(a, h.stackId());
        return a;
    }

    private static void nullableId(DuckDBAppender a, long stackId) throws SQLException {
        if (stackId == EventHeader.NO_STACK) {
            a.appendNull();
        } else {
            a.append(stackId);
        }
    }

    private static void optionalId(DuckDBAppender a, int id) throws SQLException {
        if (id == EventHeader.UNKNOWN) {
            a.appendNull();
        } else {
            a.append(id);
        }
    }

    private static void nullable(DuckDBAppender a, Object v) throws SQLException {
        RowAppender.append(a, v);
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private static void write(SqlWork work) {
        try {
            work.run();
        } catch (SQLException e) {
            throw new StoreException("cannot write to the database: " + e.getMessage(), e);
        }
    }

    /** Flushes every appender; the rows become part of the open transaction. */
    @Override
    public void close() {
        StoreException first = null;
        for (DuckDBAppender a : appenders.values()) {
            try {
                a.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = new StoreException("cannot write to the database: " + e.getMessage(),
                            e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
