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
import dev.ptrace.analyze.store.TempFiles;
import dev.ptrace.analyze.store.TraceDerivation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay's events of one trace, kept as they are stored (fixed-size records, texts as
 * numbers of a dictionary; past a few MB in a temporary file), so that the replay reads them
 * back without querying and sorting the tables. It holds them in time order only when the
 * input was: an event earlier than the one before (bpftrace's per-CPU buffers, perf
 * --no-ordering) makes it {@linkplain #inOrder() out of order}, and the replay then reads the
 * tables sorted ({@link ReplayEvents}). The fields are those replay_events.sql selects.
 */
public final class ReplayLog implements TraceDerivation.Watcher {
    private static final int RECORD = 64;
    private static final int BLOCK = 1 << 20;
    /** Blocks kept in memory; the rest go to the temporary file. */
    private static final int BLOCKS_IN_MEMORY = 8;
    private static final int NONE = Integer.MIN_VALUE;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> texts = new ArrayList<>();
    private final List<ByteBuffer> blocks = new ArrayList<>();
    private ByteBuffer current = ByteBuffer.allocate(BLOCK);
    private Path file;
    private FileChannel out;
    private long fileBlocks;
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
        if (current.remaining() < RECORD) {
            full();
        }
        ByteBuffer b = current;
        b.put((byte) kind.ordinal()).putLong(h.ts())
                .putInt(h.cpu() == EventHeader.UNKNOWN ? NONE : h.cpu()).putInt(tid)
                .putInt(id(comm)).putInt(prio == null ? NONE : prio).putInt(id(text))
                .putInt(other == null ? NONE : other).putInt(id(otherComm))
                .putInt(otherPrio == null ? NONE : otherPrio).putInt(id(addr))
                .put((byte) (num == null ? 0 : 1)).putLong(num == null ? 0 : num)
                .put(flag(write)).put(flag(success))
                .putLong(stackId == null ? Long.MIN_VALUE : stackId);
    }

    private int id(String text) {
        if (text == null) {
            return -1;
        }
        Integer id = ids.get(text);
        if (id == null) {
            id = texts.size();
            ids.put(text, id);
            texts.add(text);
        }
        return id;
    }

    private static byte flag(Boolean b) {
        return b == null ? 2 : (byte) (b ? 1 : 0);
    }

    private static Boolean flag(byte b) {
        return b == 2 ? null : b == 1;
    }

    private void full() {
        current.flip();
        if (out == null && blocks.size() < BLOCKS_IN_MEMORY) {
            blocks.add(current);
            current = ByteBuffer.allocate(BLOCK);
            return;
        }
        try {
            if (out == null) {
                file = TempFiles.file("ptrace-analyze-replay-", ".bin");
                out = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            while (current.hasRemaining()) {
                out.write(current);
            }
            fileBlocks++;
            current.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the replay's events to " + file, e);
        }
    }

    /** Replays the events in the order they came. */
    public void replay(ReplayEvents.Consumer consumer) throws SQLException {
        for (ByteBuffer b : blocks) {
            replay(b.duplicate(), consumer);
        }
        if (out != null) {
            ByteBuffer b = ByteBuffer.allocate(BLOCK);
            try {
                long position = 0;
                for (long i = 0; i < fileBlocks; i++) {
                    b.clear();
                    while (b.hasRemaining()) {
                        int n = out.read(b, position);
                        if (n < 0) {
                            throw new IOException("the file ends early");
                        }
                        position += n;
                    }
                    b.flip();
                    replay(b, consumer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the replay's events from " + file, e);
            }
        }
        replay(current.duplicate().flip(), consumer);
    }

    private void replay(ByteBuffer b, ReplayEvents.Consumer consumer) throws SQLException {
        ReplayEvent.Kind[] kinds = ReplayEvent.Kind.values();
        while (b.remaining() >= RECORD) {
            ReplayEvent.Kind kind = kinds[b.get()];
            long ts = b.getLong();
            Integer cpu = nullable(b.getInt());
            int tid = b.getInt();
            String comm = text(b.getInt());
            Integer prio = nullable(b.getInt());
            String text = text(b.getInt());
            Integer other = nullable(b.getInt());
            String otherComm = text(b.getInt());
            Integer otherPrio = nullable(b.getInt());
            String addr = text(b.getInt());
            boolean hasNum = b.get() != 0;
            long num = b.getLong();
            Boolean write = flag(b.get());
            Boolean success = flag(b.get());
            long stack = b.getLong();
            consumer.accept(new ReplayEvent(kind, ts, cpu, tid, comm, prio, text, other,
                    otherComm, otherPrio, addr, hasNum ? num : null, write, success,
                    stack == Long.MIN_VALUE ? null : stack));
        }
    }

    private static Integer nullable(int v) {
        return v == NONE ? null : v;
    }

    private String text(int id) {
        return id < 0 ? null : texts.get(id);
    }

    @Override
    public void close() {
        blocks.clear();
        try {
            if (out != null) {
                out.close();
            }
            if (file != null) {
                TempFiles.remove(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        } finally {
            out = null;
            file = null;
        }
    }
}
