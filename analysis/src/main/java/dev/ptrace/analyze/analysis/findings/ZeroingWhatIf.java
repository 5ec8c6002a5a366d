package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.contention.LockEventStacks;
import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel zeroing pages (docs/design.md scenarios 1 and 2): the on-CPU samples whose stack the
 * taxonomy calls zeroing (clear_page_erms and kin), the zeroing inside lock holds, and the
 * waiting behind it. Fresh anonymous memory is zeroed at first touch; memory reused is not.
 */
public final class ZeroingWhatIf implements WhatIf {
    static final String SCENARIO = "zeroing";
    private static final String STACKS_SQL = TextResource.load("/sql/findings/sample_stacks.sql");
    private static final String FRAMES_SQL =
            TextResource.load("/sql/findings/sample_stack_frames.sql");
    private static final String HOLDS_SQL = TextResource.load("/sql/findings/zeroing_holds.sql");

    /** On-CPU samples summed: how many, and their periods. */
    private static final class Samples {
        long samples;
        long period;

        void add(ResultSet rs) throws SQLException {
            samples += rs.getLong("samples");
            period += rs.getLong("period");
        }
    }

    /** Zeroing inside mmap_lock holds, and the waiting blamed on those holds. */
    private record InHolds(long zeroingNs, long blamedNs) {
    }

    @Override
    public List<Finding> find(FindingContext ctx) throws SQLException {
        Map<Long, List<Frame>> frames = LockEventStacks.load(ctx.conn(), FRAMES_SQL,
                ctx.traceId());
        Samples all = new Samples();
        Samples zeroing = new Samples();
        Query.forEach(ctx.conn(), STACKS_SQL, rs -> {
            all.add(rs);
            if (SCENARIO.equals(ctx.classifier().classify(frames.getOrDefault(
                    rs.getLong("stack_id"), List.of()), null).cause())) {
                zeroing.add(rs);
            }
        }, ctx.traceId());
        long samples = all.samples;
        long period = all.period;
        long zeroSamples = zeroing.samples;
        long zeroPeriod = zeroing.period;
        InHolds holds = Query.first(ctx.conn(), HOLDS_SQL,
                rs -> new InHolds(rs.getLong("zeroing_ns"), rs.getLong("blamed_ns")),
                ctx.traceId());
        long inHolds = holds.zeroingNs();
        long blamed = holds.blamedNs();
        long least = ctx.parameters().get("long_hold_ns");
        if (zeroPeriod < least && blamed < least) {
            return List.of();
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("zero_samples", String.format("%,d", zeroSamples));
        v.put("samples", String.format("%,d", samples));
        v.put("share", String.format("%.1f%%", 100.0 * zeroPeriod / Math.max(1, period)));
        v.put("cpu", PerfTime.format(zeroPeriod));
        v.put("in_holds", PerfTime.format(inHolds));
        v.put("blamed", PerfTime.format(blamed));
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("zeroing_samples", zeroSamples);
        figures.put("samples", samples);
        figures.put("zeroing_period", zeroPeriod);
        figures.put("zeroing_in_holds_ns", inHolds);
        figures.put("blamed_ns", blamed);
        FindingTexts t = ctx.texts();
        return List.of(new Finding(SCENARIO, t.one(SCENARIO, "title", v), blamed, null,
                t.all(SCENARIO, "evidence", v),
                t.one(SCENARIO, "prediction", v), t.all(SCENARIO, "recommendation", v),
                t.all(SCENARIO, "note", v),
                ReproductionQuery.named("zeroing_samples", ctx.traceId()), figures));
    }
}
