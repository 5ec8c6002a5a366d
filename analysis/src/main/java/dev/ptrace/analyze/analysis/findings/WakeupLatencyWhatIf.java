package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wakeup latency: lock waiters (kernel and user-space) that were handed the lock or woken but
 * waited on for a CPU, runnable and not running, and which threads had the CPUs meanwhile.
 * The what-if: a CPU free at each wake removes that tail of the waits.
 */
public final class WakeupLatencyWhatIf implements WhatIf {
    static final String SCENARIO = "wakeup-latency";
    private static final String SQL = TextResource.load("/sql/findings/wakeup_latency.sql");
    private static final String RUNNERS_SQL =
            TextResource.load("/sql/findings/wakeup_latency_runners.sql");
    private static final List<String> FIGURES = List.of("waits", "waiters", "tail_ns",
            "max_tail_ns", "cpus");

    @Override
    public List<Finding> find(FindingContext ctx) throws SQLException {
        Map<String, Long> figures = Query.first(ctx.conn(), SQL,
                rs -> FindingFigures.of(rs, FIGURES), ctx.traceId(),
                ctx.parameters().get("wakeup_latency_min_ns"));
        if (figures == null) {
            return List.of();
        }
        List<String> ran = new ArrayList<>();
        Query.forEach(ctx.conn(), RUNNERS_SQL, rs -> ran.add(rs.getString(1) + " "
                + PerfTime.format(rs.getLong(2))), ctx.traceId());
        Map<String, String> v = new LinkedHashMap<>();
        v.put("waits", String.format("%,d", figures.get("waits")));
        v.put("waiters", Long.toString(figures.get("waiters")));
        v.put("total", PerfTime.format(figures.get("tail_ns")));
        v.put("max", PerfTime.format(figures.get("max_tail_ns")));
        v.put("cpus", Long.toString(figures.get("cpus")));
        v.put("ran", ran.isEmpty() ? "no thread the trace shows" : String.join(", ", ran));
        long saved = figures.get("tail_ns");
        Map<String, Long> all = new LinkedHashMap<>(figures);
        all.put("saved_ns", saved);
        FindingTexts t = ctx.texts();
        return List.of(new Finding(SCENARIO, t.one(SCENARIO, "title", v), saved, null,
                t.all(SCENARIO, "evidence", v), t.one(SCENARIO, "prediction", v),
                t.all(SCENARIO, "recommendation", v), t.all(SCENARIO, "note", v),
                ReproductionQuery.named("wakeup_latency", ctx.traceId()), all));
    }
}
