package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.knowledge.TextResource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the vmap area locks cost (docs/design.md scenario 3), in a trace with the vmalloc
 * tracepoints: the allocations, frees and purges, and the spinlock waits that ended just
 * before an allocation (without stacks, the trace names those locks no other way).
 */
public final class VmallocWhatIf implements WhatIf {
    static final String SCENARIO = "vmalloc";
    private static final String SQL = TextResource.load("/sql/findings/vmalloc.sql");

    @Override
    public List<Finding> find(FindingContext ctx) throws SQLException {
        try (PreparedStatement ps = ctx.conn().prepareStatement(SQL)) {
            ps.setInt(1, ctx.traceId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long allocs = rs.getLong("allocs");
                if (allocs == 0) {
                    return List.of();
                }
                long waits = rs.getLong("waits");
                long ns = rs.getLong("wait_ns");
                Map<String, String> v = new LinkedHashMap<>();
                v.put("allocs", String.format("%,d", allocs));
                v.put("frees", String.format("%,d", rs.getLong("frees")));
                v.put("purges", String.format("%,d", rs.getLong("purges")));
                v.put("waits", String.format("%,d", waits));
                v.put("total", PerfTime.format(ns));
                v.put("per_alloc", PerfTime.format(ns / allocs));
                v.put("max", PerfTime.format(rs.getLong("max_ns")));
                v.put("contended_share", String.format("%.0f%%", 100.0 * waits / allocs));
                FindingTexts t = ctx.texts();
                v.put("verdict", t.one(SCENARIO, waits == 0 ? "verdict-uncontended"
                        : "verdict-contended", v));
                Map<String, Long> figures = new LinkedHashMap<>();
                figures.put("allocations", allocs);
                figures.put("frees", rs.getLong("frees"));
                figures.put("purges", rs.getLong("purges"));
                figures.put("waits", waits);
                figures.put("wait_ns", ns);
                return List.of(new Finding(SCENARIO, t.one(SCENARIO, "title", v), ns,
                        "vmap area lock", t.all(SCENARIO, "evidence", v),
                        t.one(SCENARIO, "prediction", v),
                        t.all("vmap area lock", "recommendation", v),
                        t.all("vmap area lock", "note", v),
                        ReproductionQuery.named("vmap_area_events", ctx.traceId()), figures));
            }
        }
    }
}
