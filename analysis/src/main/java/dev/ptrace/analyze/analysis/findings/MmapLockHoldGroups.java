package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.ChunkRows;
import dev.ptrace.analyze.store.ColumnKind;
import dev.ptrace.analyze.store.RowSpill;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The mmap_lock holds of a trace, grouped by the thread that held them and the operation it
 * held them for (its syscall, its madvise advice, or what it was doing outside the traced
 * syscalls): totals per group in memory, each hold in a temporary file.
 */
final class MmapLockHoldGroups {
    private static final String HOLDS_SQL = TextResource.load("/sql/findings/mmap_lock_holds.sql");
    private static final long MAP_POPULATE = 0x8000;
    private static final long MADV_POPULATE_READ = 22;
    private static final long MADV_POPULATE_WRITE = 23;

    private MmapLockHoldGroups() {
    }

    /**
     * One hold: how long, how much of it its holder ran, the write part before it, the waits
     * blamed on it (ns each) and the size of its range.
     */
    record Hold(long duration, long running, Long writePart, List<Long> blamed,
                        Long len) {
        long blamedNs() {
            return blamed.stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The holds of one thread doing one operation, as totals; the holds themselves wait in
     * the model's temporary file ({@link HoldFile}) for the what-if that needs each of them.
     */
    static final class Group {
        final int index;
        final int tid;
        final String comm;
        final String operation;
        final HoldKind kind;
        final Long advice;
        long holds;
        long longest;
        long blamed;
        long waits;
        long totalDuration;
        long maxRunning;
        long maxWritePart = -1;
        Long maxLen;

        Group(int index, int tid, String comm, String operation, HoldKind kind, Long advice) {
            this.index = index;
            this.tid = tid;
            this.comm = comm;
            this.operation = operation;
            this.kind = kind;
            this.advice = advice;
        }

        void add(Hold h) {
            holds++;
            longest = Math.max(longest, h.duration());
            blamed += h.blamedNs();
            waits += h.blamed().size();
            totalDuration += h.duration();
            maxRunning = Math.max(maxRunning, h.running());
            if (h.writePart() != null) {
                maxWritePart = Math.max(maxWritePart, h.writePart());
            }
            if (h.len() != null && h.len() > 0 && (maxLen == null || h.len() > maxLen)) {
                maxLen = h.len();
            }
        }
    }

    /**
     * Every hold of the trace's groups, past a few MB in a temporary file: memory does not
     * grow with them. A row per wait blamed on a hold (one with NULL for a hold without), the
     * hold's first row marked.
     */
    static final class HoldFile implements AutoCloseable {
        private static final int CHUNKS_IN_MEMORY = 8;
        private final RowSpill rows = new RowSpill("holds", CHUNKS_IN_MEMORY, ColumnKind.BOOL,
                ColumnKind.INT, ColumnKind.BIGINT, ColumnKind.BIGINT, ColumnKind.BIGINT,
                ColumnKind.BIGINT, ColumnKind.BIGINT);

        void write(int group, Hold h) {
            if (h.blamed().isEmpty()) {
                row(true, group, h, null);
            }
            for (int i = 0; i < h.blamed().size(); i++) {
                row(i == 0, group, h, h.blamed().get(i));
            }
        }

        private void row(boolean first, int group, Hold h, Long blamed) {
            rows.b(first).i(group).l(h.duration()).l(h.running()).l(h.writePart()).l(h.len())
                    .l(blamed);
            rows.end();
        }

        /** Each hold of one group, in the order written. */
        void forEachOf(int group, Consumer<Hold> consumer) {
            RowSpill.Reader r = rows.reader();
            Hold hold = null;
            while (r.next()) {
                if (r.getBoolean(0)) {
                    if (hold != null) {
                        consumer.accept(hold);
                    }
                    hold = r.getInt(1) != group ? null : new Hold(r.getLong(2), r.getLong(3),
                            r.getLongOrNull(4), new ArrayList<>(), r.getLongOrNull(5));
                }
                if (hold != null && !r.isNull(6)) {
                    hold.blamed().add(r.getLong(6));
                }
            }
            if (hold != null) {
                consumer.accept(hold);
            }
        }

        @Override
        public void close() {
            rows.close();
        }
    }

    /** The groups of the trace's mmap_lock holds, each hold written to {@code holds}. */
    static List<Group> load(FindingContext ctx, HoldFile holds, MadviseLocks madviseLocks)
            throws SQLException {
        Map<String, Group> groups = new LinkedHashMap<>();
        try (ChunkRows rs = ChunkRows.query(ctx.conn(), HOLDS_SQL, ctx.traceId())) {
            long current = -1;
            Group group = null;
            Hold hold = null;
            while (rs.next()) {
                long holdId = rs.getLong(1);
                if (holdId != current) {
                    if (hold != null) {
                        finishHold(group, hold, holds);
                    }
                    current = holdId;
                    group = group(rs, groups, ctx.texts(), madviseLocks);
                    hold = new Hold(rs.getLong(6), rs.getLong(13), rs.getLongOrNull(12),
                            new ArrayList<>(), rs.getLongOrNull(8));
                }
                Long blamed = rs.getLongOrNull(15);
                if (blamed != null) {
                    hold.blamed().add(blamed);
                }
            }
            if (hold != null) {
                finishHold(group, hold, holds);
            }
        }
        return List.copyOf(groups.values());
    }

    private static void finishHold(Group g, Hold h, HoldFile holds) {
        g.add(h);
        holds.write(g.index, h);
    }

    /**
     * The group of the current row's hold: its thread and operation. The operation's words
     * are filled once a group, not once a hold.
     */
    private static Group group(ChunkRows rs, Map<String, Group> groups, FindingTexts texts,
                               MadviseLocks madviseLocks) {
        int tid = rs.getInt(2);
        String syscall = rs.getSymbol(7, 17);
        Long advice = syscall != null && syscall.equals("madvise") ? rs.getLongOrNull(10) : null;
        String cause = syscall == null ? rs.getSymbol(11, 18) : null;
        boolean mmapPopulate = syscall != null && syscall.equals("mmap")
                && (rs.getLong(9) & MAP_POPULATE) != 0;
        String key = tid + "/" + syscall + "/" + cause + "/" + advice + "/" + mmapPopulate;
        Group known = groups.get(key);
        if (known != null) {
            return known;
        }
        String operation;
        HoldKind kind;
        if (syscall == null) {
            operation = cause != null
                    ? texts.one(LongHoldWhatIf.SCENARIO, "operation-outside",
                            Map.of("cause", cause))
                    : texts.one(LongHoldWhatIf.SCENARIO, "operation-unknown", Map.of());
            kind = HoldKind.ofCause(cause);
        } else if (syscall.equals("madvise")) {
            boolean populate = advice != null && (advice == MADV_POPULATE_READ
                    || advice == MADV_POPULATE_WRITE);
            operation = texts.one(LongHoldWhatIf.SCENARIO, "operation-madvise", Map.of("advice",
                    advice == null ? "?" : madviseLocks.of(advice).name()));
            kind = populate ? HoldKind.POPULATE : HoldKind.MADVISE;
        } else if (mmapPopulate) {
            operation = texts.one(LongHoldWhatIf.SCENARIO, "operation-mmap-populate", Map.of());
            kind = HoldKind.POPULATE;
        } else {
            operation = syscall;
            kind = syscall.equals("munmap") ? HoldKind.MUNMAP : HoldKind.OTHER;
        }
        Group g = new Group(groups.size(), tid, rs.getSymbol(3, 16), operation, kind, advice);
        groups.put(key, g);
        return g;
    }
}
