package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.Query;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The states of the chains' root threads, read once, so that what a root did over any stretch
 * of time is a lookup, not a query per chain.
 */
final class RootStates {
    private static final String SQL = TextResource.load("/sql/chains/thread_states_of_trace.sql");

    private record Interval(String state, long begin, long end, String comm, Integer prio,
                            Integer cpu) {
    }

    /** What a thread did over a stretch: time per state (largest first), its name, prio, CPU. */
    record Summary(Map<String, Long> states, String comm, Integer prio, Integer cpu) {
    }

    private final Map<Integer, List<Interval>> byTid = new HashMap<>();

    RootStates(Connection conn, int traceId, Set<Integer> roots) throws SQLException {
        Query.forEach(conn, SQL, rs -> {
            int tid = rs.getInt(1);
            if (roots.contains(tid)) {
                byTid.computeIfAbsent(tid, t -> new ArrayList<>()).add(new Interval(
                        rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        (Integer) rs.getObject(6), (Integer) rs.getObject(7)));
            }
        }, traceId);
    }

    Summary over(int tid, long begin, long end) {
        List<Interval> all = byTid.getOrDefault(tid, List.of());
        int lo = 0;
        int hi = all.size();
        while (lo < hi) { // the first interval that ends after begin
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).end() <= begin) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Map<String, Long> states = new HashMap<>();
        Interval last = null;
        for (int i = lo; i < all.size() && all.get(i).begin() < end; i++) {
            Interval s = all.get(i);
            states.merge(s.state(), Math.min(end, s.end()) - Math.max(begin, s.begin()),
                    Long::sum);
            last = s;
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        states.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return last == null ? new Summary(sorted, null, null, null)
                : new Summary(sorted, last.comm(), last.prio(), last.cpu());
    }
}
