package dev.ptrace.analyze.analysis.causes;

import dev.ptrace.analyze.analysis.contention.LockEventStacks;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.SqlResource;
import dev.ptrace.analyze.store.RowAppender;
import dev.ptrace.analyze.store.Tables;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    private static final String SAMPLES_SQL = SqlResource.load("/sql/causes/hold_samples.sql");
    private static final String STACKS_SQL = SqlResource.load("/sql/causes/sample_stacks.sql");
    private static final String HOLDS_SQL = SqlResource.load("/sql/causes/hold_syscalls.sql");

    private HoldCauses() {
    }

    public static void derive(DuckDBConnection conn, int traceId, CauseClassifier classifier)
            throws SQLException {
        Map<Long, List<Frame>> stacks = LockEventStacks.load(conn, STACKS_SQL, traceId);
        Map<Long, Map<String, long[]>> sampled = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(SAMPLES_SQL)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Cause c = classifier.classify(stacks.getOrDefault(rs.getLong(2), List.of()),
                            null);
                    long[] periodAndCount = sampled.computeIfAbsent(rs.getLong(1),
                            h -> new LinkedHashMap<>()).computeIfAbsent(String.valueOf(c.cause()),
                            k -> new long[2]);
                    periodAndCount[0] += rs.getLong(3);
                    periodAndCount[1]++;
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement(HOLDS_SQL);
             RowAppender rows = RowAppender.open(conn, Tables.HOLD_CAUSES)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long holdId = rs.getLong(1);
                    long lockId = rs.getLong(2);
                    int tid = rs.getInt(3);
                    long duration = rs.getLong(4);
                    Map<String, long[]> byCause = sampled.get(holdId);
                    if (byCause != null) {
                        long total = byCause.values().stream().mapToLong(p -> p[0]).sum();
                        for (Map.Entry<String, long[]> e : byCause.entrySet()) {
                            String cause = e.getKey().equals("null") ? null : e.getKey();
                            rows.row(traceId, holdId, lockId, tid, cause, "samples",
                                    Math.round((double) duration * e.getValue()[0] / total),
                                    e.getValue()[1]);
                        }
                    } else {
                        String syscall = rs.getString(5);
                        Long stackId = (Long) rs.getObject(8);
                        Cause c = classifier.classify(stackId == null ? List.of()
                                : stacks.getOrDefault(stackId, List.of()), syscall);
                        if (c.cause() == null && syscall == null && rs.getBoolean(7)) {
                            c = classifier.classifyOutsideSyscall(rs.getString(6));
                        }
                        rows.row(traceId, holdId, lockId, tid, c.cause(), c.evidence(),
                                duration, 0L);
                    }
                }
            }
        }
    }
}
