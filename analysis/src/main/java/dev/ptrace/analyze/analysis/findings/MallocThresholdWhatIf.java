package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.units.Bytes;
import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.knowledge.TextResource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * glibc malloc's mmap threshold (docs/design.md scenario 1). From the mmap and munmap calls, the
 * chunks malloc mapped and unmapped (an anonymous read-write mapping, unmapped whole at the
 * same address); replaying glibc's dynamic threshold over them tells which allocations it
 * would have kept in the heap. When some were mapped after an at least as large chunk was
 * freed, the threshold was fixed by hand: the finding recommends a threshold above the chunk
 * sizes and predicts the calls and the mmap_lock waiting that go away with them.
 */
public final class MallocThresholdWhatIf implements WhatIf {
    static final String SCENARIO = "mmap-threshold";
    private static final String CALLS_SQL = TextResource.load("/sql/findings/malloc_calls.sql");
    private static final String BLAME_SQL = TextResource.load("/sql/findings/mmap_lock_blame.sql");

    /** An mmap or munmap call: by whom, from when to when. */
    private record Call(int tid, long begin, long end) {
    }

    /** A chunk malloc mapped: its size, its calls (unmap null while still mapped). */
    private record Chunk(long len, Call map, Call unmap, boolean dynamicWouldKeep) {
    }

    private record Pending(Call map, long len, boolean dynamicWouldKeep) {
    }

    @Override
    public List<Finding> find(FindingContext ctx) throws SQLException {
        WhatIfParameters p = ctx.parameters();
        long overhead = p.get("malloc_chunk_overhead");
        long max = p.get("malloc_max_mmap_threshold");
        long threshold = p.get("malloc_default_mmap_threshold");
        List<Chunk> chunks = new ArrayList<>();
        Map<String, Pending> live = new HashMap<>();
        long mmaps = 0;
        long munmaps = 0;
        try (PreparedStatement ps = ctx.conn().prepareStatement(CALLS_SQL)) {
            ps.setInt(1, ctx.traceId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Call call = new Call(rs.getInt("tid"), rs.getLong("begin_ts"),
                            rs.getLong("end_ts"));
                    long len = rs.getLong("len");
                    String key = rs.getLong("addr") + "/" + len;
                    if (rs.getString("name").equals("mmap")) {
                        mmaps++;
                        if (rs.getBoolean("anon_rw")) {
                            live.put(key, new Pending(call, len, len - overhead < threshold));
                        }
                        continue;
                    }
                    munmaps++;
                    Pending map = live.remove(key);
                    if (map != null) {
                        chunks.add(new Chunk(len, map.map(), call, map.dynamicWouldKeep()));
                        if (len > threshold && len <= max) { // glibc's __libc_free
                            threshold = len;
                        }
                    }
                }
            }
        }
        List<Long> pairedLens = chunks.stream().map(Chunk::len).distinct().toList();
        for (Pending m : live.values()) { // still mapped at the end: chunks of the same sizes
            if (pairedLens.contains(m.len())) {
                chunks.add(new Chunk(m.len(), m.map(), null, m.dynamicWouldKeep()));
            }
        }
        List<Chunk> repeats = chunks.stream().filter(Chunk::dynamicWouldKeep).toList();
        if (repeats.isEmpty()) {
            return List.of();
        }
        long largest = repeats.stream().mapToLong(Chunk::len).max().orElseThrow();
        long recommended = Math.min(max, Long.highestOneBit(largest - 1) << 1);
        long removedCalls = 0;
        long overMax = 0;
        long aboveRecommended = 0;
        Map<Long, Long> sizes = new TreeMap<>();
        List<Call> byThread = new ArrayList<>();
        for (Chunk c : chunks) {
            sizes.merge(c.len(), 1L, Long::sum);
            if (c.len() - overhead >= recommended) { // mapped with the recommended threshold
                if (c.len() - overhead >= max) {
                    overMax++;
                } else {
                    aboveRecommended++;
                }
                continue;
            }
            removedCalls += c.unmap() == null ? 1 : 2;
            byThread.add(c.map());
            if (c.unmap() != null) {
                byThread.add(c.unmap());
            }
        }
        byThread.sort(Comparator.comparingInt(Call::tid).thenComparingLong(Call::begin));
        CallIntervals removed = new CallIntervals();
        for (Call c : byThread) {
            removed.add(c.tid(), c.begin(), c.end());
        }
        Saved saved = savedWaiting(ctx, removed);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("chunks", String.format("%,d", chunks.size()));
        v.put("sizes", sizes(sizes, ctx.texts()));
        v.put("threshold", Long.toString(recommended));
        v.put("trim", Long.toString(2 * recommended));
        v.put("removed_calls", String.format("%,d", removedCalls));
        v.put("total_calls", String.format("%,d", mmaps + munmaps));
        v.put("remaining_calls", String.format("%,d", mmaps + munmaps - removedCalls));
        v.put("saved", PerfTime.format(saved.ns()));
        v.put("waits", String.format("%,d", saved.waits()));
        v.put("repeats", String.format("%,d", repeats.size()));
        v.put("over_max", String.format("%,d", overMax));
        v.put("above_recommended", String.format("%,d", aboveRecommended));
        FindingTexts t = ctx.texts();
        List<String> notes = new ArrayList<>(t.all(SCENARIO, "note", v));
        if (aboveRecommended > 0) {
            notes.addAll(t.all(SCENARIO, "note-above-recommended", v));
        }
        if (overMax > 0) {
            notes.addAll(t.all(SCENARIO, "note-over-max", v));
        }
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("recommended_threshold", recommended);
        figures.put("recommended_trim_threshold", 2 * recommended);
        figures.put("largest_chunk_bytes", largest);
        figures.put("chunks", (long) chunks.size());
        figures.put("chunks_dynamic_would_keep", (long) repeats.size());
        figures.put("mmap_calls", mmaps);
        figures.put("munmap_calls", munmaps);
        figures.put("calls_removed", removedCalls);
        figures.put("waits_removed", saved.waits());
        figures.put("wait_ns_removed", saved.ns());
        v.put("mmaps", String.format("%,d", mmaps));
        v.put("munmaps", String.format("%,d", munmaps));
        List<String> evidence = t.all(SCENARIO, "evidence", v);
        return List.of(new Finding(SCENARIO, t.one(SCENARIO, "title", v), saved.ns(), "mmap_lock",
                evidence, t.one(SCENARIO, "prediction", v),
                t.all(SCENARIO, "recommendation", v), notes,
                ReproductionQuery.named("mmap_munmap_by_length", ctx.traceId()), figures));
    }

    private static String sizes(Map<Long, Long> sizes, FindingTexts texts) {
        List<String> out = new ArrayList<>();
        sizes.entrySet().stream().sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
                .limit(3).forEach(e -> out.add(texts.one(SCENARIO, "size", Map.of(
                        "count", String.format("%,d", e.getValue()),
                        "size", Bytes.format(e.getKey())))));
        return String.join(", ", out) + (sizes.size() > 3 ? ", ..." : "");
    }

    /**
     * The mmap_lock waiting that goes with the removed calls: whole waits made inside them,
     * and the pieces of other waits blamed on a thread while it was inside one. Returns the
     * number of waits touched and the ns.
     */
    /** The waits the removed calls end, and the waiting they take away (ns). */
    private record Saved(long waits, long ns) {
    }

    private static Saved savedWaiting(FindingContext ctx, CallIntervals removed)
            throws SQLException {
        long waits = 0;
        long ns = 0;
        try (PreparedStatement ps = ctx.conn().prepareStatement(BLAME_SQL)) {
            ps.setInt(1, ctx.traceId());
            try (ResultSet rs = ps.executeQuery()) {
                long current = -1;
                boolean whole = false;
                boolean counted = false;
                while (rs.next()) {
                    long waitId = rs.getLong("wait_id");
                    if (waitId != current) {
                        current = waitId;
                        whole = removed.contains(rs.getInt("tid"), rs.getLong("begin_ts"));
                        counted = whole;
                        if (whole) {
                            waits++;
                            ns += rs.getLong("duration_ns");
                        }
                    }
                    if (whole) {
                        continue;
                    }
                    Integer blocker = (Integer) rs.getObject("blocker_tid");
                    if (removed.contains(blocker, rs.getLong("piece_ts"))) {
                        ns += rs.getLong("blamed_ns");
                        if (!counted) {
                            waits++;
                            counted = true;
                        }
                    }
                }
            }
        }
        return new Saved(waits, ns);
    }
}
