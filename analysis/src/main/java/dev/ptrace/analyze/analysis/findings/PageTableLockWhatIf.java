package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.units.Bytes;
import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Threads of a process faulting pages of the same 2 MiB regions at once: a page fault takes
 * the split lock of the page-table page that maps its address, so threads touching one region
 * spin on one lock. Had each thread faulted only its own 2 MiB-aligned ranges, no two would
 * share a page table and the spinning would go away; the prediction is that upper bound (each
 * fault still takes its own lock, uncontended).
 */
public final class PageTableLockWhatIf implements WhatIf {
    static final String SCENARIO = "page-table-lock";
    private static final String SQL = TextResource.load("/sql/findings/page_table_waits.sql");
    private static final List<String> FIGURES = List.of("waits", "wait_ns", "max_wait_ns",
            "page_tables", "threads", "most_threads_per_page_table");

    @Override
    public List<Finding> find(FindingContext ctx) throws SQLException {
        long span = ctx.parameters().get("page_table_span_bytes");
        List<Finding> out = new ArrayList<>();
        Query.forEach(ctx.conn(), SQL, rs -> {
            out.add(finding(ctx, rs, span));
        }, ctx.traceId(), ctx.parameters().get("page_table_min_wait_ns"));
        return out;
    }

    private static Finding finding(FindingContext ctx, ResultSet rs, long span)
            throws SQLException {
        int pid = rs.getInt("pid");
        Map<String, Long> figures = FindingFigures.of(rs, FIGURES);
        long ns = figures.get("wait_ns");
        Map<String, String> v = new LinkedHashMap<>();
        String process = rs.getString("process");
        v.put("process", (process == null ? "pid" : process) + " " + pid);
        v.put("waits", String.format("%,d", figures.get("waits")));
        v.put("total", PerfTime.format(ns));
        v.put("max", PerfTime.format(figures.get("max_wait_ns")));
        v.put("tables", String.format("%,d", figures.get("page_tables")));
        v.put("span", Bytes.format(span));
        v.put("address_space", Bytes.format(span * figures.get("page_tables")));
        v.put("threads", Long.toString(figures.get("threads")));
        v.put("most_threads", Long.toString(figures.get("most_threads_per_page_table")));
        FindingTexts t = ctx.texts();
        return new Finding(SCENARIO, t.one(SCENARIO, "title", v), ns, "page-table lock",
                t.all(SCENARIO, "evidence", v), t.one(SCENARIO, "prediction", v),
                t.all(SCENARIO, "recommendation", v), t.all(SCENARIO, "note", v),
                ReproductionQuery.named("page_table_waits", ctx.traceId(), pid), figures);
    }
}
