package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.analysis.locks.BlameRow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows each piece of blame to the end of its chain: a piece whose blocker was itself
 * waiting at the time is replaced by the pieces of the blocker's wait over the same interval,
 * until a blocker that was not waiting (the root). A wait already on the path is not entered
 * again, so a cycle (which a consistent trace cannot produce) ends at the blocker where it
 * closes. Readers sharing a lock make chains fan out (each waited-for reader waits for several
 * more), so the pieces one wait resolves to are bounded too: past MAX_PIECES the rest of the
 * wait stops at its immediate blockers.
 */
final class RootResolver {
    private static final int MAX_DEPTH = 32;
    private static final int MAX_PIECES = 4096;
    private final TimeWindow<Long, BlameRow> pieces;
    private final Set<Long> onPath = new HashSet<>();

    /**
     * {@code pieces}: each wait's blame, loaded up to the end of the wait to resolve (a
     * blocker's wait without pieces there ends the chain just as one that has none).
     */
    RootResolver(TimeWindow<Long, BlameRow> pieces) {
        this.pieces = pieces;
    }

    List<RootTime> resolve(long waitId, long begin, long end) {
        List<RootTime> out = new ArrayList<>();
        resolve(waitId, begin, end, 1.0, 0, out); // leaves onPath empty, as it found it
        return out;
    }

    private void resolve(long waitId, long begin, long end, double weight, int depth,
                         List<RootTime> out) {
        List<BlameRow> own = pieces.of(waitId);
        for (int k = TimeWindow.firstEndingAfter(own, begin, BlameRow::endTs); k < own.size()
                && own.get(k).beginTs() < end; k++) {
            BlameRow p = own.get(k);
            long b = Math.max(begin, p.beginTs());
            long e = Math.min(end, p.endTs());
            if (b >= e) {
                continue;
            }
            double w = weight / p.share();
            Long next = p.blockerWaitId();
            if (next != null && !onPath.contains(next) && depth < MAX_DEPTH
                    && out.size() < MAX_PIECES && !pieces.of(next).isEmpty()) {
                int before = out.size();
                onPath.add(waitId);
                resolve(next, b, e, w, depth + 1, out);
                onPath.remove(waitId);
                long covered = 0;
                for (int i = before; i < out.size(); i++) {
                    covered += out.get(i).end() - out.get(i).begin();
                }
                if (covered < e - b) {
                    // the blocker's wait ended inside the piece: the rest is the blocker's own
                    out.add(new RootTime(p.blockerTid(), p.blockerState(), p.lockId(), e - (e - b - covered),
                            e, w));
                }
            } else {
                out.add(new RootTime(p.blockerTid(), p.blockerState(), p.lockId(), b, e, w));
            }
        }
    }
}
