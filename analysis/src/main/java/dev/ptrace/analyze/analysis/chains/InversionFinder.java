package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the chains whose root has a worse priority than some of its waiters and was off CPU
 * while they waited: each such waiter's loss is its waiting traced to the root while the root
 * was not running; the preemptors are the threads that ran on the root's CPU meanwhile.
 */
public final class InversionFinder {
    private static final String PREEMPTORS_SQL = TextResource.load("/sql/chains/preemptors.sql");
    private static final String POSSIBLE_SQL =
            TextResource.load("/sql/chains/inversion_possible.sql");

    private InversionFinder() {
    }

    /**
     * The inversions of a trace, the most time lost first; its chains are built only when a
     * waiter ran at a better priority than a thread it could have waited for (else there can
     * be none).
     */
    public static List<Inversion> find(TraceChains chains) throws SQLException {
        if (!possible(chains.connection(), chains.traceId())) {
            return List.of();
        }
        return find(chains.connection(), chains.traceId(), chains.get());
    }

    /**
     * Whether any chain of the trace can be an inversion: some waiter ran at a better (lower)
     * priority than a thread it could have waited for.
     */
    public static boolean possible(Connection conn, int traceId) throws SQLException {
        return Query.first(conn, POSSIBLE_SQL, rs -> rs.getBoolean(1), traceId);
    }

    /** The inversions among {@code chains}, the most time lost first. */
    public static List<Inversion> find(Connection conn, int traceId, List<Chain> chains)
            throws SQLException {
        List<Inversion> out = new ArrayList<>();
        for (Chain c : chains) {
            if (c.prio() == null) {
                continue;
            }
            Map<Integer, Inversion.Victim> victims = new LinkedHashMap<>();
            collect(c.waits(), c.prio(), victims);
            long lost = victims.values().stream().mapToLong(Inversion.Victim::lostNs).sum();
            if (lost > 0) {
                out.add(new Inversion(c, lost, List.copyOf(victims.values()),
                        preemptors(conn, traceId, c)));
            }
        }
        out.sort(Comparator.comparingLong(Inversion::lostNs).reversed());
        return out;
    }

    private static void collect(List<ChainWait> waits, int rootPrio,
                                Map<Integer, Inversion.Victim> victims) {
        for (ChainWait w : waits) {
            if (w.prio() != null && w.prio() < rootPrio && w.rootOffCpuNs() > 0) {
                victims.merge(w.tid(), new Inversion.Victim(w.tid(), w.comm(), w.prio(),
                        w.rootNs(), w.rootOffCpuNs()), (a, b) -> new Inversion.Victim(a.tid(),
                        a.comm(), a.prio(), a.waitNs() + b.waitNs(), a.lostNs() + b.lostNs()));
            }
            collect(w.children(), rootPrio, victims);
        }
    }

    private static List<Inversion.Preemptor> preemptors(Connection conn, int traceId, Chain c)
            throws SQLException {
        List<Inversion.Preemptor> out = new ArrayList<>();
        Query.forEach(conn, PREEMPTORS_SQL, rs -> {
            out.add(new Inversion.Preemptor(rs.getInt(1), rs.getString(2),
                    (Integer) rs.getObject(3), rs.getLong(4)));
        }, traceId, c.tid(), c.begin(), c.end());
        return out;
    }
}
