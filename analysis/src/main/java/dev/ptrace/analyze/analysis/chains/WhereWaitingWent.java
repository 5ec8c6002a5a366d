package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import dev.ptrace.analyze.analysis.contention.LockEventStacks;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the waiting went: each wait's time, traced to the thread at the root of its chain,
 * is given to what that root spent its hold on (hold_causes), and set against what the
 * waiter was doing (its syscall, or its stack: a page fault). Time the lock was being handed
 * to a waiter is "handoff"; time the trace cannot trace to a hold is "unknown".
 */
public final class WhereWaitingWent {
    private static final String MIX_SQL = SqlResource.load("/sql/chains/hold_cause_mix.sql");
    private static final String WAITS_SQL = SqlResource.load("/sql/chains/waiter_activity.sql");
    public static final String HANDOFF = "handoff";
    public static final String UNKNOWN = "unknown";

    /** Waiting of one kind of waiter on one lock, given to one holder cause. */
    public record Cell(String lock, String waiter, String holder, long ns) {
    }

    private record Hold(long begin, long end, Map<String, Double> share) {
    }

    private WhereWaitingWent() {
    }

    /** The cells, the largest first. */
    public static List<Cell> of(Connection conn, int traceId, CauseClassifier classifier)
            throws SQLException {
        Map<Long, List<BlamePiece>> pieces = WaitChainBuilder.pieces(conn, traceId);
        RootResolver resolver = new RootResolver(pieces);
        Map<String, List<Hold>> holds = holds(conn, traceId);
        Map<Long, List<Frame>> stacks = LockEventStacks.load(conn, traceId);
        Map<String, Double> cells = new LinkedHashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(WAITS_SQL)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long waitId = rs.getLong(1);
                    String lock = rs.getString(2) == null ? "other locks" : rs.getString(2);
                    Long stackId = (Long) rs.getObject(4);
                    String activity = classifier.classify(stackId == null ? List.of()
                            : stacks.getOrDefault(stackId, List.of()), rs.getString(3)).cause();
                    String waiter = activity == null ? UNKNOWN : activity;
                    List<BlamePiece> own = pieces.get(waitId);
                    long begin = own.get(0).begin();
                    long end = own.get(own.size() - 1).end();
                    for (RootTime r : resolver.resolve(waitId, begin, end)) {
                        for (Map.Entry<String, Double> c : holderCauses(r, holds).entrySet()) {
                            cells.merge(lock + "\u0000" + waiter + "\u0000" + c.getKey(),
                                    r.weightedNs() * c.getValue(), Double::sum);
                        }
                    }
                }
            }
        }
        List<Cell> out = new ArrayList<>();
        cells.forEach((k, ns) -> {
            String[] key = k.split("\u0000", 3);
            out.add(new Cell(key[0], key[1], key[2], Math.round(ns)));
        });
        out.sort(Comparator.comparingLong(Cell::ns).reversed().thenComparing(Cell::lock)
                .thenComparing(Cell::waiter).thenComparing(Cell::holder));
        return out;
    }

    /**
     * What the root was spending its hold on at the start of the piece, as shares; a root
     * that holds nothing then is a waiter the free lock is being handed to.
     */
    private static Map<String, Double> holderCauses(RootTime r, Map<String, List<Hold>> holds) {
        if (r.root() == null) {
            return Map.of(UNKNOWN, 1.0);
        }
        List<Hold> list = holds.getOrDefault(r.root() + "/" + r.lockId(), List.of());
        int lo = 0;
        int hi = list.size();
        while (lo < hi) { // the first hold that ends after the piece begins
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).end() <= r.begin()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo < list.size() && list.get(lo).begin() <= r.begin()) {
            return list.get(lo).share();
        }
        return Map.of(HANDOFF, 1.0);
    }

    private static Map<String, List<Hold>> holds(Connection conn, int traceId)
            throws SQLException {
        Map<String, List<Hold>> out = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(MIX_SQL)) {
            ps.setInt(1, traceId);
            try (ResultSet rs = ps.executeQuery()) {
                Hold current = null;
                while (rs.next()) {
                    String key = rs.getInt(1) + "/" + rs.getLong(2);
                    long begin = rs.getLong(3);
                    long end = rs.getLong(4);
                    long duration = Math.max(1, rs.getLong(5));
                    List<Hold> list = out.computeIfAbsent(key, k -> new ArrayList<>());
                    if (current == null || list.isEmpty() || list.get(list.size() - 1) != current
                            || current.begin() != begin || current.end() != end) {
                        current = new Hold(begin, end, new LinkedHashMap<>());
                        list.add(current);
                    }
                    String cause = rs.getString(6) == null ? UNKNOWN : rs.getString(6);
                    current.share().merge(cause, (double) rs.getLong(7) / duration, Double::sum);
                }
            }
        }
        return out;
    }
}
