package dev.ptrace.analyze.analysis.findings;

import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.chains.InversionFinder;
import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Priority inversions (docs/design.md scenario 4): the inversions of the trace's chains, one
 * finding per thread at their root and lock; the saving is the better-priority waiters' time
 * lost while the root was off CPU.
 */
public final class InversionWhatIf implements WhatIf {
    static final String SCENARIO = "priority-inversion";
    private static final String ROOT_WORK_SQL = TextResource.load("/sql/findings/root_work.sql");

    @Override
    public List<Finding> find(FindingContext ctx) throws SQLException {
        Map<String, List<Inversion>> byRoot = new LinkedHashMap<>();
        for (Inversion i : InversionFinder.find(ctx.chains())) {
            byRoot.computeIfAbsent(i.chain().tid() + "/" + i.chain().lockId(),
                    k -> new ArrayList<>()).add(i);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Inversion> group : byRoot.values()) {
            out.add(finding(ctx, group));
        }
        return out;
    }

    private static Finding finding(FindingContext ctx, List<Inversion> group)
            throws SQLException {
        Chain first = group.get(0).chain();
        long lost = group.stream().mapToLong(Inversion::lostNs).sum();
        long offCpu = group.stream().mapToLong(i -> i.chain().rootOffCpuNs()).sum();
        Map<Integer, Inversion.Victim> victims = new LinkedHashMap<>();
        Map<Integer, Inversion.Preemptor> preemptors = new LinkedHashMap<>();
        for (Inversion i : group) {
            i.victims().forEach(w -> victims.merge(w.tid(), w, (a, b) -> new Inversion.Victim(
                    a.tid(), a.comm(), a.prio(), a.waitNs() + b.waitNs(),
                    a.lostNs() + b.lostNs())));
            i.preemptors().forEach(p -> preemptors.merge(p.tid(), p, (a, b) ->
                    new Inversion.Preemptor(a.tid(), a.comm(), a.prio(), a.ranNs() + b.ranNs())));
        }
        String lock = first.lockName() != null ? first.lockName() : "lock " + first.lockAddr();
        String root = first.comm() + " " + first.tid();
        Set<String> names = new LinkedHashSet<>();
        preemptors.values().stream().sorted((a, b) -> Long.compare(b.ranNs(), a.ranNs()))
                .limit(3).forEach(p -> names.add(p.comm() + " " + p.tid()));
        Map<String, String> v = new LinkedHashMap<>();
        v.put("lock", lock);
        v.put("root", root);
        v.put("prio", String.valueOf(first.prio()));
        v.put("off_cpu", PerfTime.format(offCpu));
        v.put("victims", String.valueOf(victims.size()));
        v.put("lost", PerfTime.format(lost));
        v.put("root_work", rootWork(ctx, group));
        v.put("preemptors", names.isEmpty() ? "none recorded" : String.join(", ", names));
        FindingTexts t = ctx.texts();
        v.put("chains", String.valueOf(group.size()));
        v.put("victim_list", victims.values().stream()
                .sorted((a, b) -> Long.compare(b.lostNs(), a.lostNs()))
                .map(w -> t.one(SCENARIO, "victim", thread(w.comm(), w.tid(), w.prio(),
                        w.lostNs())))
                .collect(Collectors.joining(", ")));
        List<String> evidence = new ArrayList<>(t.all(SCENARIO, "evidence", v));
        if (!preemptors.isEmpty()) {
            v.put("preemptor_list", preemptors.values().stream()
                    .sorted((a, b) -> Long.compare(b.ranNs(), a.ranNs())).limit(5)
                    .map(p -> t.one(SCENARIO, "preemptor", thread(p.comm(), p.tid(), p.prio(),
                            p.ranNs())))
                    .collect(Collectors.joining(", ")));
            evidence.add(t.one(SCENARIO, "evidence-preemptors", v));
        }
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("root_tid", (long) first.tid());
        if (first.prio() != null) {
            figures.put("root_prio", (long) first.prio());
        }
        figures.put("root_off_cpu_ns", offCpu);
        figures.put("lost_ns", lost);
        figures.put("victims", (long) victims.size());
        return new Finding(SCENARIO, t.one(SCENARIO, "title", v), lost, lock, evidence,
                t.one(SCENARIO, "prediction", v), t.all(SCENARIO, "recommendation", v),
                t.all(SCENARIO, "note", v), ReproductionQuery.named("blame_on_lock", ctx.traceId(),
                        first.lockId()), figures);
    }

    /** A thread of the evidence: its name, id, priority and time. */
    private static Map<String, String> thread(String comm, int tid, Integer prio, long ns) {
        return Map.of("comm", String.valueOf(comm), "tid", Integer.toString(tid),
                "prio", String.valueOf(prio), "time", PerfTime.format(ns));
    }

    private static String rootWork(FindingContext ctx, List<Inversion> group)
            throws SQLException {
        Chain c = group.get(0).chain();
        String work = Query.first(ctx.conn(), ROOT_WORK_SQL, rs -> rs.getString(1),
                ctx.traceId(), c.tid(), c.lockId(),
                group.stream().mapToLong(i -> i.chain().begin()).min().orElseThrow(),
                group.stream().mapToLong(i -> i.chain().end()).max().orElseThrow());
        return work == null ? "its holds" : work;
    }
}
