package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.knowledge.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the wait chains of a trace from its blame: each wait is traced to its root (the
 * thread most of its waiting comes down to), waits with the same root and lock that overlap in
 * time form one chain, and inside a chain each wait hangs under the wait it waited for (a
 * reader under the queued writer), or directly under the root.
 */
public final class WaitChainBuilder {
    private static final String WAITS_SQL = SqlResource.load("/sql/chains/chain_waits.sql");

    private record WaitRow(long waitId, int tid, String comm, long lockId, String mode,
                           String syscall, long begin, long end, long duration, String lockName,
                           String lockAddr, Integer prio) {
    }

    /** A wait traced to its root: the root's key and the wait it hangs under. */
    private record Traced(WaitRow row, Integer root, long rootLock, long rootNs, long offCpuNs,
                          Integer blockedBy, String relation, Long parentWait) {
    }

    private WaitChainBuilder() {
    }

    /**
     * The chains of a trace that concern process {@code pid} or thread {@code tid} (a waiter
     * or the root is one of its threads; both null: every chain), the most waiting first.
     */
    public static List<Chain> build(Connection conn, int traceId, Integer pid, Integer tid)
            throws SQLException {
        List<Chain> all = build(conn, traceId);
        if (pid == null && tid == null) {
            return all;
        }
        Set<Integer> tids = new HashSet<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT tid FROM threads "
                + "WHERE trace_id = ? AND (pid = ? OR tid = ?)")) {
            ps.setInt(1, traceId);
            ps.setObject(2, pid);
            ps.setObject(3, tid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tids.add(rs.getInt(1));
                }
            }
        }
        return all.stream().filter(c -> tids.contains(c.tid()) || involves(c.waits(), tids))
                .toList();
    }

    private static boolean involves(List<ChainWait> waits, Set<Integer> tids) {
        for (ChainWait w : waits) {
            if (tids.contains(w.tid()) || involves(w.children(), tids)) {
                return true;
            }
        }
        return false;
    }

    /** The chains of a trace, the most waiting first. */
    public static List<Chain> build(Connection conn, int traceId) throws SQLException {
        List<WaitRow> waits = waits(conn, traceId);
        Traced[] traced = new Traced[waits.size()];
        try (BlamePieces pieces = new BlamePieces(conn, traceId)) {
            RootResolver resolver = new RootResolver(pieces.window());
            inOrderOfEnd(waits, WaitRow::begin, WaitRow::end, (i, lowWater) -> {
                WaitRow w = waits.get(i);
                pieces.window().loadBefore(w.end());
                traced[i] = trace(w, pieces.window().of(w.waitId()), resolver);
                pieces.window().dropEndingBy(lowWater);
            });
        }
        Map<String, List<Traced>> byRoot = new LinkedHashMap<>();
        for (Traced t : traced) {
            if (t != null) {
                byRoot.computeIfAbsent(t.root() + "/" + t.rootLock(), k -> new ArrayList<>())
                        .add(t);
            }
        }
        Set<Integer> roots = new HashSet<>();
        byRoot.values().forEach(l -> roots.add(l.get(0).root()));
        RootStates states = new RootStates(conn, traceId, roots);
        List<Chain> chains = new ArrayList<>();
        for (List<Traced> sameRoot : byRoot.values()) {
            for (List<Traced> episode : episodes(sameRoot)) {
                chains.add(chain(states, episode));
            }
        }
        chains.sort(Comparator.comparingLong(Chain::waitNs).reversed()
                .thenComparingLong(Chain::begin));
        return chains;
    }

    private static Traced trace(WaitRow w, List<BlamePiece> own, RootResolver resolver) {
        List<RootTime> resolved = resolver.resolve(w.waitId(), w.begin(), w.end());
        Map<Integer, Double> byRoot = new HashMap<>();
        Map<Integer, Long> lockOf = new HashMap<>();
        for (RootTime r : resolved) {
            if (r.root() != null) {
                byRoot.merge(r.root(), r.weightedNs(), Double::sum);
                lockOf.putIfAbsent(r.root(), r.lockId());
            }
        }
        if (byRoot.isEmpty()) {
            return null;
        }
        int root = byRoot.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow()
                .getKey();
        double rootNs = 0;
        double offCpu = 0;
        for (RootTime r : resolved) {
            if (r.root() != null && r.root() == root) {
                rootNs += r.weightedNs();
                offCpu += r.rootOffCpu() ? r.weightedNs() : 0;
            }
        }
        Map<String, Double> byBlocker = new LinkedHashMap<>();
        for (BlamePiece p : own) {
            if (p.blocker() != null) {
                byBlocker.merge(p.blocker() + "/" + p.blockerWaitId() + "/" + p.relation(),
                        (double) (p.end() - p.begin()) / p.share(), Double::sum);
            }
        }
        String[] top = byBlocker.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> e.getKey().split("/", 3)).orElse(new String[] {null, "null", null});
        return new Traced(w, root, lockOf.get(root), Math.round(rootNs), Math.round(offCpu),
                top[0] == null ? null : Integer.valueOf(top[0]), top[2],
                top[1].equals("null") ? null : Long.valueOf(top[1]));
    }

    /** Waits of one root that overlap in time, in order of begin. */
    private static List<List<Traced>> episodes(List<Traced> waits) {
        List<Traced> sorted = new ArrayList<>(waits);
        sorted.sort(Comparator.comparingLong((Traced t) -> t.row().begin())
                .thenComparingLong(t -> t.row().waitId()));
        List<List<Traced>> out = new ArrayList<>();
        long end = Long.MIN_VALUE;
        for (Traced t : sorted) {
            if (out.isEmpty() || t.row().begin() >= end) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(t);
            end = Math.max(end, t.row().end());
        }
        return out;
    }

    private static Chain chain(RootStates states, List<Traced> episode) {
        Map<Long, Traced> byWait = new HashMap<>();
        episode.forEach(t -> byWait.put(t.row().waitId(), t));
        Map<Long, List<Traced>> children = new HashMap<>();
        List<Traced> top = new ArrayList<>();
        for (Traced t : episode) {
            Long parent = t.parentWait();
            if (parent != null && byWait.containsKey(parent) && parent != t.row().waitId()) {
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(t);
            } else {
                top.add(t);
            }
        }
        long begin = episode.stream().mapToLong(t -> t.row().begin()).min().orElseThrow();
        long end = episode.stream().mapToLong(t -> t.row().end()).max().orElseThrow();
        Traced first = episode.get(0);
        int root = first.root();
        RootStates.Summary summary = states.over(root, begin, end);
        String comm = summary.comm();
        Integer prio = summary.prio();
        Integer cpu = summary.cpu();
        WaitRow lockOwner = episode.stream().filter(t -> t.rootLock() == t.row().lockId())
                .findFirst().orElse(first).row();
        if (comm == null) {
            comm = episode.stream().filter(t -> t.row().tid() == root).map(t -> t.row().comm())
                    .findFirst().orElse(null);
        }
        return new Chain(root, comm, prio, cpu, first.rootLock(), lockOwner.lockName(),
                lockOwner.lockAddr(), begin, end, summary.states(),
                episode.stream().mapToLong(Traced::rootNs).sum(),
                episode.stream().mapToLong(Traced::offCpuNs).sum(), episode.size(),
                tree(top, children));
    }

    private static List<ChainWait> tree(List<Traced> level, Map<Long, List<Traced>> children) {
        List<ChainWait> out = new ArrayList<>();
        for (Traced t : level) {
            WaitRow w = t.row();
            out.add(new ChainWait(w.waitId(), w.tid(), w.comm(), w.prio(), w.lockName(),
                    w.lockAddr(), w.mode(), w.syscall(), w.begin(), w.end(), w.duration(),
                    t.blockedBy(), t.relation(), t.rootNs(), t.offCpuNs(),
                    tree(children.getOrDefault(w.waitId(), List.of()), children)));
        }
        return out;
    }

    /** Visits item {@code i} with the earliest begin of the items visited after it. */
    @FunctionalInterface
    interface EndOrderVisitor {
        void visit(int i, long lowWater) throws SQLException;
    }

    /**
     * Visits the items of {@code items} in order of their end (ties: in list order), each with
     * the earliest begin among those still to come: what a {@link TimeWindow} may let go of.
     */
    static <T> void inOrderOfEnd(List<T> items, java.util.function.ToLongFunction<T> begin,
                                 java.util.function.ToLongFunction<T> end, EndOrderVisitor visitor)
            throws SQLException {
        Integer[] order = new Integer[items.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingLong((Integer i) ->
                end.applyAsLong(items.get(i))).thenComparingInt(i -> i));
        long[] lowWater = new long[order.length + 1];
        lowWater[order.length] = Long.MAX_VALUE;
        for (int k = order.length - 1; k >= 0; k--) {
            lowWater[k] = Math.min(lowWater[k + 1], begin.applyAsLong(items.get(order[k])));
        }
        for (int k = 0; k < order.length; k++) {
            visitor.visit(order[k], lowWater[k + 1]);
        }
    }

    private static List<WaitRow> waits(Connection conn, int traceId) throws SQLException {
        List<WaitRow> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(WAITS_SQL)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WaitRow(rs.getLong(1), rs.getInt(2), rs.getString(3),
                            rs.getLong(4), rs.getString(5), rs.getString(6), rs.getLong(7),
                            rs.getLong(8), rs.getLong(9), rs.getString(10), rs.getString(11),
                            (Integer) rs.getObject(12)));
                }
            }
        }
        return out;
    }
}
