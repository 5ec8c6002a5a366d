package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.contention.LockFunctions;
import dev.ptrace.analyze.analysis.locks.LockClasses;
import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A finding for each class of lock that holds a large share of a trace's waiting and that no
 * what-if model spoke about: what waited, how long, in which syscalls, whether the holder is
 * known, and the advice of lock-classes.tsv for that class. So that the first findings follow
 * where the time went, not which models exist. Its saving is the upper bound, the waiting;
 * where the class's advice takes the lock k times less often (lock-classes.tsv's fewer_by),
 * the waiting scaled by that: 1 - 1/k of it.
 */
final class LockClassFindings {
    static final String SCENARIO = "lock-class";
    /** What the findings call the locks nothing in the trace names. */
    static final String UNNAMED = "unnamed locks";
    private static final String SQL = TextResource.load("/sql/findings/lock_classes.sql");
    private static final String SYSCALLS_SQL =
            TextResource.load("/sql/findings/lock_class_syscalls.sql");
    private static final String STACKS_SQL =
            TextResource.load("/sql/findings/lock_class_stacks.sql");
    private static final String HOLDERS_SQL =
            TextResource.load("/sql/findings/lock_class_holders.sql");
    private static final LockFunctions LOCK_FUNCTIONS = LockFunctions.shipped();
    /** Frames past the lock functions that say where a stack waited. */
    private static final int CALLER_FRAMES = 2;
    private static final int TOP = 3;
    private static final List<String> FIGURES = List.of("waits", "wait_ns", "max_wait_ns",
            "threads", "share_per_mille", "known_holder_ns");

    private LockClassFindings() {
    }

    /** The findings for the classes of locks not in {@code covered} (the models' locks). */
    static List<Finding> find(FindingContext ctx, LockClasses classes, Set<String> covered)
            throws SQLException {
        List<Finding> out = new ArrayList<>();
        Query.forEach(ctx.conn(), SQL, rs -> {
            String name = rs.getString("name");
            if (name == null || !covered.contains(name)) {
                out.add(finding(ctx, classes, name, rs));
            }
        }, ctx.traceId(), ctx.parameters().get("lock_class_min_wait_ns"), ctx.parameters().get("lock_class_min_share_per_mille"));
        return out;
    }

    private static Finding finding(FindingContext ctx, LockClasses classes, String name,
                                   ResultSet rs) throws SQLException {
        Map<String, Long> figures = FindingFigures.of(rs, FIGURES);
        long ns = figures.get("wait_ns");
        String lock = name == null ? UNNAMED : name;
        Map<String, String> v = new LinkedHashMap<>();
        v.put("lock", lock);
        v.put("waits", String.format("%,d", figures.get("waits")));
        v.put("threads", Long.toString(figures.get("threads")));
        v.put("total", PerfTime.format(ns));
        v.put("max", PerfTime.format(figures.get("max_wait_ns")));
        v.put("share", String.format("%.0f%%", figures.get("share_per_mille") / 10.0));
        v.put("known", String.format("%.0f%%", 100.0 * figures.get("known_holder_ns")
                / Math.max(1, ns)));
        v.put("syscalls", top(ctx, SYSCALLS_SQL, name));
        String stacks = stacks(ctx, name);
        v.put("stacks", stacks);
        String holders = top(ctx, HOLDERS_SQL, name);
        v.put("holders", holders);
        FindingTexts t = ctx.texts();
        LockClasses.LockClass c = name == null ? null : classes.of(name);
        List<String> advice = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long saved = ns;
        String prediction = "prediction";
        if (c != null) {
            v.put("protects", c.protects());
            advice.add(c.advice());
            notes.addAll(t.all(SCENARIO, "note", v));
            if (c.fewerBy() != null) {
                long factor = ctx.parameters().get(c.fewerBy());
                saved = ns - ns / factor;
                v.put("factor", Long.toString(factor));
                v.put("change", c.change().replace("{factor}", Long.toString(factor)));
                v.put("saved", PerfTime.format(saved));
                v.put("parameter", c.fewerBy());
                prediction = "prediction-fewer";
                notes.addAll(t.all(SCENARIO, "note-fewer", v));
            }
        } else {
            advice.addAll(t.all(SCENARIO, name == null ? "recommendation-unnamed"
                    : "recommendation-no-class", v));
        }
        List<String> evidence = new ArrayList<>(t.all(SCENARIO, "evidence", v));
        if (!stacks.isEmpty()) {
            evidence.addAll(t.all(SCENARIO, "evidence-stacks", v));
        }
        if (!holders.isEmpty()) {
            evidence.addAll(t.all(SCENARIO, "evidence-holders", v));
        }
        Map<String, Long> all = new LinkedHashMap<>(figures);
        if (c != null && c.evidence() != null) {
            Map<String, Long> more = classEvidence(ctx, c.evidence());
            more.forEach((k, n) -> v.put(k, String.format("%,d", n)));
            all.putAll(more);
            if (more.values().stream().findFirst().orElse(0L) > 0) {
                evidence.addAll(t.all(SCENARIO, "evidence-" + c.evidence(), v));
            }
        }
        all.put("saved_ns", saved);
        return new Finding(SCENARIO, t.one(SCENARIO, "title", v), saved, name,
                evidence, t.one(SCENARIO, prediction, v), advice,
                notes, ReproductionQuery.named("waits_by_lock_class", ctx.traceId(), name),
                all);
    }

    /**
     * Where the waiters waited: their stacks by the first functions past the lock functions,
     * e.g. "try_to_wake_up < wake_up_q 1.20 ms", the most waiting first.
     */
    private static String stacks(FindingContext ctx, String name) throws SQLException {
        Map<String, Long> byCaller = new LinkedHashMap<>();
        try (PreparedStatement ps = ctx.conn().prepareStatement(STACKS_SQL)) {
            ps.setInt(1, ctx.traceId());
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                long stack = -1;
                long ns = 0;
                List<String> callers = new ArrayList<>();
                while (rs.next()) {
                    if (rs.getLong("stack_id") != stack) {
                        addCaller(byCaller, callers, ns);
                        stack = rs.getLong("stack_id");
                        ns = rs.getLong("ns");
                        callers = new ArrayList<>();
                    }
                    String symbol = rs.getString("symbol");
                    boolean lockFunction = LOCK_FUNCTIONS.contains(new Frame(null, symbol, 0,
                            null));
                    if (callers.size() < CALLER_FRAMES && symbol != null
                            && (!lockFunction || !callers.isEmpty())) {
                        callers.add(symbol);
                    }
                }
                addCaller(byCaller, callers, ns);
            }
        }
        return byCaller.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .map(e -> e.getKey() + " " + PerfTime.format(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static void addCaller(Map<String, Long> byCaller, List<String> callers, long ns) {
        if (!callers.isEmpty()) {
            byCaller.merge(String.join(" < ", callers), ns, Long::sum);
        }
    }

    /**
     * The one row of a class's evidence query (/sql/findings/class/NAME.sql), by column; its
     * evidence lines are left out when the first column is 0 (nothing of the kind recorded).
     */
    private static Map<String, Long> classEvidence(FindingContext ctx, String query)
            throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        String sql = TextResource.load("/sql/findings/class/" + query + ".sql");
        Query.first(ctx.conn(), sql, rs -> {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.put(rs.getMetaData().getColumnLabel(i), rs.getLong(i));
            }
            return out;
        }, ctx.traceId());
        return out;
    }

    /**
     * The rows of a query about one class of lock ($1 trace, $2 lock name), each its first
     * column and its waiting ({@code ns}), e.g. "munmap 1.20 ms, mmap 30.00 us": the waiters'
     * top syscalls (lock_class_syscalls.sql), the holders waited for most
     * (lock_class_holders.sql).
     */
    private static String top(FindingContext ctx, String sql, String name)
            throws SQLException {
        List<String> out = new ArrayList<>();
        Query.forEach(ctx.conn(), sql, rs -> {
            out.add(rs.getString(1) + " " + PerfTime.format(rs.getLong("ns")));
        }, ctx.traceId(), name);
        return String.join(", ", out);
    }
}
