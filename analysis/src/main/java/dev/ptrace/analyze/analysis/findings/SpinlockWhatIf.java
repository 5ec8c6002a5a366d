package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.contention.LockEventStacks;
import dev.ptrace.analyze.analysis.locks.LockNames;
import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spinlocks of the page allocator, the LRU and vmalloc (docs/design.md scenarios 3 and 5): per
 * lock name that findings.tsv has advice for, the waiting on it and why the waiters needed
 * it: the cause of the waiter's stack above the function that named the lock (a lruvec lock
 * taken to free pages after an unmap is "page freeing"). Reads the waits table, and bpftrace
 * maps keyed by kernel stack (their values taken as ns).
 */
public final class SpinlockWhatIf implements WhatIf {
    static final String SCENARIO = "spinlock";
    private static final String WAITS_SQL = TextResource.load("/sql/findings/spinlock_waits.sql");
    private static final String STACKS_SQL =
            TextResource.load("/sql/findings/spinlock_stacks.sql");
    private final LockNames lockNames = LockNames.shipped();

    /** The waiting on one lock name from one source. */
    private static final class Tally {
        long waits;
        long ns;
        long max;
        final Map<String, Long> byCause = new TreeMap<>();
        final Map<String, Long> byStack = new TreeMap<>();
    }

    @Override
    public List<Finding> find(FindingContext ctx) throws SQLException {
        Map<Long, List<Frame>> stacks = LockEventStacks.load(ctx.conn(), STACKS_SQL,
                ctx.traceId());
        Map<String, Tally> tallies = new LinkedHashMap<>();
        Query.forEach(ctx.conn(), WAITS_SQL, rs -> {
            Long stackId = (Long) rs.getObject("stack_id");
            List<Frame> frames = stackId == null ? List.of()
                    : stacks.getOrDefault(stackId, List.of());
            LockNames.Name named = lockNames.of(frames);
            String name = rs.getString("name") != null ? rs.getString("name")
                    : named == null ? null : named.name();
            if (name == null || ctx.texts().all(name, "recommendation", Map.of())
                    .isEmpty()) {
                return;
            }
            String source = rs.getString("source");
            Tally t = tallies.computeIfAbsent(name + "\u0000" + source, k -> new Tally());
            long ns = rs.getLong("ns");
            t.waits++;
            t.ns += ns;
            t.max = Math.max(t.max, ns);
            t.byCause.merge(why(ctx, frames, named), ns, Long::sum);
            if (!frames.isEmpty()) {
                t.byStack.merge(stack(frames, named), ns, Long::sum);
            }
        }, ctx.traceId());
        List<Finding> out = new ArrayList<>();
        tallies.forEach((key, t) -> {
            String[] lockAndSource = key.split("\u0000", 2);
            out.add(finding(ctx, lockAndSource[0], lockAndSource[1], t));
        });
        return out;
    }

    /** Why the waiter needed the lock: the cause of its stack above the naming function. */
    private static String why(FindingContext ctx, List<Frame> frames, LockNames.Name named) {
        int from = 0;
        if (named != null) {
            for (int i = 0; i < frames.size(); i++) {
                if (named.function().equals(frames.get(i).symbol())) {
                    from = i + 1;
                    break;
                }
            }
        }
        String cause = ctx.classifier().classify(frames.subList(from, frames.size()), null)
                .cause();
        return cause == null ? "unknown" : cause;
    }

    /** The stack from the function that named the lock, five frames towards the root. */
    private static String stack(List<Frame> frames, LockNames.Name named) {
        int from = 0;
        while (from < frames.size() - 1 && (named == null
                || !named.function().equals(frames.get(from).symbol()))) {
            from++;
        }
        if (named == null) {
            from = 0;
        }
        List<String> names = new ArrayList<>();
        for (Frame f : frames.subList(from, Math.min(frames.size(), from + 5))) {
            names.add(f.symbol() == null ? "[unknown]" : f.symbol());
        }
        return String.join(" <- ", names);
    }

    private static Finding finding(FindingContext ctx, String lock, String source, Tally t) {
        boolean waits = source.equals("waits");
        FindingTexts texts = ctx.texts();
        List<String> paths = new ArrayList<>();
        t.byCause.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .forEach(e -> paths.add(texts.one(SCENARIO, "path", Map.of("cause", e.getKey(),
                        "share", String.format("%.0f%%", 100.0 * e.getValue()
                                / Math.max(1, t.ns))))));
        Map<String, String> v = new LinkedHashMap<>();
        v.put("lock", lock);
        v.put("count", String.format("%,d", t.waits));
        v.put("source", source);
        v.put("waits", texts.one(SCENARIO, waits ? "count-waits" : "count-stacks", v));
        v.put("total", PerfTime.format(t.ns));
        v.put("max", PerfTime.format(t.max));
        v.put("path_list", String.join(", ", paths));
        v.put("paths", texts.one(SCENARIO, "paths", v));
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put(waits ? "waits" : "stacks", t.waits);
        figures.put("wait_ns", t.ns);
        figures.put("max_wait_ns", t.max);
        t.byCause.forEach((cause, ns) -> figures.put("wait_ns." + cause, ns));
        List<String> evidence = new ArrayList<>(texts.all(SCENARIO,
                waits ? "evidence-waits" : "evidence-stacks", v));
        t.byCause.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> evidence.add(texts.one(SCENARIO, "evidence-cause",
                        Map.of("cause", e.getKey(), "ns", PerfTime.format(e.getValue())))));
        t.byStack.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .forEach(e -> evidence.add(texts.one(SCENARIO, "evidence-stack",
                        Map.of("stack", e.getKey(), "ns", PerfTime.format(e.getValue())))));
        return new Finding(SCENARIO, texts.one(SCENARIO, "title", v), t.ns, lock, evidence,
                texts.one(SCENARIO, "prediction", v), texts.all(lock, "recommendation", v),
                texts.all(lock, "note", v), waits
                        ? ReproductionQuery.named("longest_waits_on_lock", ctx.traceId(), lock)
                        : ReproductionQuery.named("bpftrace_stacks_by_value", ctx.traceId()),
                figures);
    }
}
