package dev.ptrace.analyze.analysis.causes;

import dev.ptrace.analyze.analysis.contention.LockEventStacks;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.BulkRows;
import dev.ptrace.analyze.store.ChunkRows;
import dev.ptrace.analyze.store.Tables;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * Writes hold_causes: each hold's time split by cause, from the holder's on-CPU samples inside
 * it (in proportion to their periods), else from the stack of the event that began it (perf
 * records one with -g) and the syscall it was in, else, in a trace that records the mmap and
 * munmap syscalls, from what taking that lock outside a syscall means.
 */
public final class HoldCauses {
    private static final String HOLDS_SQL = TextResource.load("/sql/causes/hold_evidence.sql");
    private static final String BEGIN_STACKS_SQL =
            TextResource.load("/sql/causes/begin_stacks.sql");
    private static final String SAMPLE_STACKS_SQL =
            TextResource.load("/sql/findings/sample_stack_frames.sql");

    private HoldCauses() {
    }

    public static void derive(DuckDBConnection conn, int traceId, CauseClassifier classifier)
            throws SQLException {
        Map<Long, List<Frame>> beginStacks = LockEventStacks.load(conn, BEGIN_STACKS_SQL,
                traceId);
        Map<Long, String> sampleCauses = new HashMap<>();
        LockEventStacks.forEach(conn, SAMPLE_STACKS_SQL, traceId, (id, frames) ->
                sampleCauses.put(id, String.valueOf(classifier.classify(frames, null).cause())));
        try (BulkRows rows = new BulkRows(Tables.HOLD_CAUSES)) {
            try (ChunkRows rs = ChunkRows.query(conn, HOLDS_SQL, traceId)) {
                Hold hold = null;
                while (rs.next()) {
                    long holdId = rs.getLong(1);
                    if (hold == null || hold.id != holdId) {
                        if (hold != null) {
                            hold.write(rows, traceId);
                        }
                        hold = new Hold(rs, classifier, beginStacks);
                    }
                    Long sampleStack = rs.getLongOrNull(9);
                    if (sampleStack != null) {
                        long[] periodAndCount = hold.sampled.computeIfAbsent(
                                sampleCauses.getOrDefault(sampleStack, "null"), k -> new long[2]);
                        periodAndCount[0] += rs.getLong(10);
                        periodAndCount[1] += rs.getLong(11);
                    }
                }
                if (hold != null) {
                    hold.write(rows, traceId);
                }
            }
            rows.insert(conn);
        }
    }

    /**
     * One hold's evidence as its rows come: the hold and the cause of its begin from its first
     * row, then its samples.
     */
    private static final class Hold {
        final long id;
        final long lockId;
        final int tid;
        final long duration;
        final Cause begin;
        final Map<String, long[]> sampled = new LinkedHashMap<>();

        Hold(ChunkRows first, CauseClassifier classifier, Map<Long, List<Frame>> beginStacks) {
            id = first.getLong(1);
            lockId = first.getLong(2);
            tid = first.getInt(3);
            duration = first.getLong(4);
            String syscall = first.getString(5);
            Long stackId = first.getLongOrNull(8);
            Cause c = classifier.classify(stackId == null ? List.of()
                    : beginStacks.getOrDefault(stackId, List.of()), syscall);
            if (c.cause() == null && syscall == null && first.getBoolean(7)) {
                c = classifier.classifyOutsideSyscall(first.getString(6));
            }
            begin = c;
        }

        void write(BulkRows rows, int traceId) {
            if (sampled.isEmpty()) {
                HoldCauseRowWriter.write(rows, new HoldCauseRow(traceId, id, lockId, tid,
                        begin.cause(), begin.evidence(), duration, 0));
                return;
            }
            long total = sampled.values().stream().mapToLong(p -> p[0]).sum();
            for (Map.Entry<String, long[]> e : sampled.entrySet()) {
                String cause = e.getKey().equals("null") ? null : e.getKey();
                HoldCauseRowWriter.write(rows, new HoldCauseRow(traceId, id, lockId, tid, cause,
                        "samples", Math.round((double) duration * e.getValue()[0] / total),
                        e.getValue()[1]));
            }
        }
    }
}
