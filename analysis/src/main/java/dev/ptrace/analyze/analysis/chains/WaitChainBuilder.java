package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.analysis.locks.BlameRow;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.Connection;
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
    private static final String THREADS_OF_SQL = TextResource.load("/sql/chains/threads_of.sql");

    /** Whom a wait waited for: the thread, the wait it was in itself, how. */
    private record BlockedBy(Integer blocker, Long waitId, String relation) {
    }

    /** A wait traced to its root: the root's key and the wait it hangs under. */
    private record Traced(BlamedWait row, Integer root, long rootLock, long rootNs, long offCpuNs,
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
        return concerning(conn, traceId, build(conn, traceId), pid, tid);
    }

    /**
     * Of a trace's chains {@code all}, those that concern process {@code pid} or thread
     * {@code tid} (both null: all).
     */
    public static List<Chain> concerning(Connection conn, int traceId, List<Chain> all,
                                         Integer pid, Integer tid) throws SQLException {
        if (pid == null && tid == null) {
            return all;
        }
        Set<Integer> tids = new HashSet<>();
        Query.forEach(conn, THREADS_OF_SQL, rs -> tids.add(rs.getInt(1)), traceId, pid, tid);
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
        List<BlamedWait> waits = WaitWalk.waits(conn, traceId);
        Tracer tracer = new Tracer(waits.size());
        WaitWalk.walk(conn, traceId, waits, tracer);
        return tracer.chains(conn, traceId);
    }

    /** Each wait traced to its root as the walk goes; then the chains of those traced. */
    static final class Tracer implements WaitWalk.Visitor {
        private final Traced[] traced;

        Tracer(int waits) {
            traced = new Traced[waits];
        }

        @Override
        public void visit(int index, BlamedWait w, List<BlameRow> own, List<RootTime> resolved,
                          long lowWater) {
            traced[index] = trace(w, own, resolved);
        }

        /** The chains, the most waiting first. */
        List<Chain> chains(Connection conn, int traceId) throws SQLException {
            Map<String, List<Traced>> byRoot = new LinkedHashMap<>();
            for (Traced t : traced) {
                if (t != null) {
                    byRoot.computeIfAbsent(t.root() + "/" + t.rootLock(),
                            k -> new ArrayList<>()).add(t);
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
    }

    private static Traced trace(BlamedWait w, List<BlameRow> own, List<RootTime> resolved) {
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
        Map<BlockedBy, Double> byBlocker = new LinkedHashMap<>();
        for (BlameRow p : own) {
            if (p.blockerTid() != null) {
                byBlocker.merge(new BlockedBy(p.blockerTid(), p.blockerWaitId(), p.relation()),
                        (double) (p.endTs() - p.beginTs()) / p.share(), Double::sum);
            }
        }
        BlockedBy top = byBlocker.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse(new BlockedBy(null, null, null));
        return new Traced(w, root, lockOf.get(root), Math.round(rootNs), Math.round(offCpu),
                top.blocker(), top.relation(), top.waitId());
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
        Set<Long> cycleTops = cycleTops(episode, byWait);
        for (Traced t : episode) {
            Long parent = t.parentWait();
            if (parent != null && byWait.containsKey(parent) && parent != t.row().waitId()
                    && !cycleTops.contains(t.row().waitId())) {
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
        BlamedWait lockOwner = episode.stream().filter(t -> t.rootLock() == t.row().lockId())
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

    /**
     * Waits that hang under each other in a circle (each blamed on a thread that waits in the
     * next: two waiters of one lock each blamed on the other, or a spinlock taken inside an
     * rwsem's slow path) would reach no top of the tree: of each circle, the wait that began
     * first becomes a top, so that every wait of the episode is in the tree.
     */
    private static Set<Long> cycleTops(List<Traced> episode, Map<Long, Traced> byWait) {
        Set<Long> tops = new HashSet<>();
        Set<Long> done = new HashSet<>();
        for (Traced start : episode) {
            List<Long> path = new ArrayList<>();
            Long id = start.row().waitId();
            while (id != null && !done.contains(id) && !path.contains(id)) {
                path.add(id);
                Long parent = byWait.get(id).parentWait();
                id = parent != null && byWait.containsKey(parent) && !parent.equals(id)
                        && !tops.contains(id) ? parent : null;
            }
            if (id != null && path.contains(id)) {
                tops.add(path.subList(path.indexOf(id), path.size()).stream()
                        .min(Comparator.comparingLong((Long w) -> byWait.get(w).row().begin())
                                .thenComparing(w -> w)).orElseThrow());
            }
            done.addAll(path);
        }
        return tops;
    }

    private static List<ChainWait> tree(List<Traced> level, Map<Long, List<Traced>> children) {
        List<ChainWait> out = new ArrayList<>();
        for (Traced t : level) {
            BlamedWait w = t.row();
            out.add(new ChainWait(w.waitId(), w.tid(), w.comm(), w.prio(), w.lockName(),
                    w.lockAddr(), w.mode(), w.syscall(), w.begin(), w.end(), w.duration(),
                    t.blockedBy(), t.relation(), t.rootNs(), t.offCpuNs(),
                    tree(children.getOrDefault(w.waitId(), List.of()), children)));
        }
        return out;
    }
}
