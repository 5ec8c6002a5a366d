package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.contention.LockEventStacks;
import dev.ptrace.analyze.analysis.locks.UserLockNames;
import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * User-space lock contention (futex words a woken waiter takes: pthread mutexes): per lock,
 * its waits, where they were called from, the holders waited for and what they did while
 * others waited (ran, were off CPU, waited themselves), and the holds the trace shows. The
 * what-if: holds shorter by a share of their measured length (user_lock_hold_cut_percent)
 * shorten the waiting behind the holders by that share.
 */
public final class UserLockWhatIf implements WhatIf {
    static final String SCENARIO = "user-lock";
    private static final String LOCKS_SQL = TextResource.load("/sql/findings/user_locks.sql");
    private static final String HOLDERS_SQL =
            TextResource.load("/sql/findings/user_lock_holders.sql");
    private static final String STACKS_SQL =
            TextResource.load("/sql/findings/user_lock_stacks.sql");
    private static final String FRAMES_SQL =
            TextResource.load("/sql/locks/futex_stacks.sql");
    private static final List<String> FIGURES = List.of("waits", "threads", "wait_ns",
            "max_wait_ns", "holder_ns", "holder_running_ns", "holder_off_cpu_ns",
            "holder_waiting_ns", "after_wake_ns", "holds", "hold_ns");
    private static final int TOP = 3;
    private final UserLockNames names = UserLockNames.shipped();

    @Override
    public List<Finding> find(FindingContext ctx) throws SQLException {
        List<Finding> out = new ArrayList<>();
        Map<Long, List<Frame>> frames = null;
        List<Map<String, Object>> locks = new ArrayList<>();
        Query.forEach(ctx.conn(), LOCKS_SQL, rs -> locks.add(row(rs)), ctx.traceId(),
                ctx.parameters().get("user_lock_min_wait_ns"));
        for (Map<String, Object> lock : locks) {
            if (frames == null) {
                frames = LockEventStacks.load(ctx.conn(), FRAMES_SQL, ctx.traceId());
            }
            out.add(finding(ctx, lock, frames));
        }
        return out;
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> r = new LinkedHashMap<>(FindingFigures.of(rs, FIGURES));
        r.put("lock_id", rs.getLong("lock_id"));
        r.put("lock_addr", rs.getString("lock_addr"));
        r.put("name", rs.getString("name"));
        return r;
    }

    private Finding finding(FindingContext ctx, Map<String, Object> lock,
                            Map<Long, List<Frame>> frames) throws SQLException {
        Map<String, Long> figures = new LinkedHashMap<>();
        FIGURES.forEach(f -> figures.put(f, (Long) lock.get(f)));
        long lockId = (Long) lock.get("lock_id");
        String addr = (String) lock.get("lock_addr");
        String name = lock.get("name") == null ? "futex lock" : (String) lock.get("name");
        long cut = ctx.parameters().get("user_lock_hold_cut_percent");
        long holds = figures.get("holds");
        long meanHold = holds == 0 ? 0 : figures.get("hold_ns") / holds;
        long saved = figures.get("holder_ns") * cut / 100;
        figures.put("mean_hold_ns", meanHold);
        figures.put("saved_ns", saved);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("lock", name + " " + addr);
        v.put("waits", String.format("%,d", figures.get("waits")));
        v.put("threads", Long.toString(figures.get("threads")));
        v.put("total", PerfTime.format(figures.get("wait_ns")));
        v.put("max", PerfTime.format(figures.get("max_wait_ns")));
        v.put("holder", PerfTime.format(figures.get("holder_ns")));
        v.put("running", PerfTime.format(figures.get("holder_running_ns")));
        v.put("off_cpu", PerfTime.format(figures.get("holder_off_cpu_ns")));
        v.put("waiting", PerfTime.format(figures.get("holder_waiting_ns")));
        v.put("after_wake", PerfTime.format(figures.get("after_wake_ns")));
        v.put("holds", String.format("%,d", holds));
        v.put("mean_hold", PerfTime.format(meanHold));
        v.put("shorter_hold", PerfTime.format(meanHold - meanHold * cut / 100));
        v.put("cut", cut + "%");
        v.put("saved", PerfTime.format(saved));
        v.put("callers", callers(ctx, lockId, frames));
        v.put("holders", top(ctx, lockId));
        FindingTexts t = ctx.texts();
        List<String> evidence = new ArrayList<>(t.all(SCENARIO, "evidence", v));
        if (holds > 0) {
            evidence.addAll(t.all(SCENARIO, "evidence-holds", v));
        }
        return new Finding(SCENARIO, t.one(SCENARIO, "title", v), saved, name, evidence,
                t.one(SCENARIO, "prediction", v), t.all(SCENARIO, "recommendation", v),
                t.all(SCENARIO, "note", v),
                ReproductionQuery.named("waits_on_user_lock", ctx.traceId(), addr), figures);
    }

    /** The waiting by caller, e.g. "worker+0x2a 1.20 s", the most first. */
    private String callers(FindingContext ctx, long lockId, Map<Long, List<Frame>> frames)
            throws SQLException {
        Map<String, Long> byCaller = new LinkedHashMap<>();
        Query.forEach(ctx.conn(), STACKS_SQL, rs -> byCaller.merge(
                names.caller(frames.getOrDefault(rs.getLong(1), List.of())), rs.getLong(2),
                Long::sum), ctx.traceId(), lockId);
        return byCaller.isEmpty() ? "stacks not recorded" : byCaller.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .map(e -> e.getKey() + " " + PerfTime.format(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String top(FindingContext ctx, long lockId) throws SQLException {
        List<String> out = new ArrayList<>();
        Query.forEach(ctx.conn(), HOLDERS_SQL, rs -> out.add(rs.getString(1) + " "
                + PerfTime.format(rs.getLong(2))), ctx.traceId(), lockId);
        return out.isEmpty() ? "unknown" : String.join(", ", out);
    }
}
