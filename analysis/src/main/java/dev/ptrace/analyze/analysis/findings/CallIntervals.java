package dev.ptrace.analyze.analysis.findings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stretches of time per thread (the calls a what-if removes), asked whether they hold a time. */
final class CallIntervals {
    private final Map<Integer, List<long[]>> byTid = new HashMap<>();

    /** Adds a stretch; a thread's stretches come in time order and do not overlap. */
    void add(int tid, long begin, long end) {
        byTid.computeIfAbsent(tid, t -> new ArrayList<>()).add(new long[] {begin, end});
    }

    boolean contains(Integer tid, long ts) {
        List<long[]> list = tid == null ? null : byTid.get(tid);
        if (list == null) {
            return false;
        }
        int lo = 0;
        int hi = list.size();
        while (lo < hi) { // the first stretch that ends at or after ts
            int mid = (lo + hi) >>> 1;
            if (list.get(mid)[1] < ts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < list.size() && list.get(lo)[0] <= ts;
    }
}
