package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.analysis.causes.CauseClassifier;
import dev.ptrace.analyze.analysis.contention.LockEventStacks;
import dev.ptrace.analyze.analysis.locks.BlameRow;
import dev.ptrace.analyze.analysis.locks.model.Blocker;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TextResource;
import dev.ptrace.analyze.store.ChunkRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribution, what the {@code attribute} command prints and the report calls "where the
 * waiting went": each wait's time, traced to the thread at the root of its chain,
 * is given to what that root spent its hold on (hold_causes), and set against what the
 * waiter was doing (its syscall, or its stack: a page fault). Time the lock was being handed
 * to a waiter is "handoff"; time the trace cannot trace to a hold is "unknown".
 */
public final class Attribution {
    private static final String MIX_SQL = TextResource.load("/sql/chains/hold_cause_mix.sql");
    public static final String HANDOFF = Blocker.Relation.HANDOFF.label;
    public static final String UNKNOWN = "unknown";

    /** Waiting of one kind of waiter on one lock, given to one holder cause. */
    public record Cell(String lock, String waiterActivity, String holderCause, long waitNs) {
    }

    private record CellKey(String lock, String waiter, String holder) {
    }

    /** A thread's holds of one lock: what the window keeps them by. */
    private record HolderOf(int tid, long lockId) {
    }

    private record Hold(HolderOf key, long begin, long end, long duration,
                        Map<String, Double> share) {
    }

    private Attribution() {
    }

    /** The cells, the largest first. */
    public static List<Cell> of(Connection conn, int traceId, CauseClassifier classifier)
            throws SQLException {
        List<BlamedWait> waits = WaitWalk.waits(conn, traceId);
        try (Cells cells = new Cells(conn, traceId, classifier)) {
            WaitWalk.walk(conn, traceId, waits, cells);
            return cells.sorted();
        }
    }

    /** The cells summed as the walk goes: each wait's resolved time by its roots' holds. */
    static final class Cells implements WaitWalk.Visitor, AutoCloseable {
        private final CauseClassifier classifier;
        private final Map<Long, List<Frame>> stacks;
        private final HoldShares holds;
        private final Map<CellKey, Double> cells = new LinkedHashMap<>();

        Cells(Connection conn, int traceId, CauseClassifier classifier) throws SQLException {
            this.classifier = classifier;
            this.stacks = LockEventStacks.load(conn, traceId);
            this.holds = new HoldShares(conn, traceId);
        }

        @Override
        public void visit(int index, BlamedWait w, List<BlameRow> own, List<RootTime> resolved,
                          long lowWater) throws SQLException {
            holds.window.loadBefore(w.end());
            String lock = w.lockName() == null ? "other locks" : w.lockName();
            String activity = classifier.classify(w.stackId() == null ? List.of()
                    : stacks.getOrDefault(w.stackId(), List.of()), w.syscall()).cause();
            String waiter = activity == null ? UNKNOWN : activity;
            for (RootTime r : resolved) {
                for (Map.Entry<String, Double> c : holderCauses(r, holds.window).entrySet()) {
                    cells.merge(new CellKey(lock, waiter, c.getKey()),
                            r.weightedNs() * c.getValue(), Double::sum);
                }
            }
            holds.window.dropEndingBy(lowWater);
        }

        /** The cells, the largest first. */
        List<Cell> sorted() {
            List<Cell> out = new ArrayList<>();
            cells.forEach((k, ns) -> out.add(new Cell(k.lock(), k.waiter(), k.holder(),
                    Math.round(ns))));
            out.sort(Comparator.comparingLong(Cell::waitNs).reversed().thenComparing(Cell::lock)
                    .thenComparing(Cell::waiterActivity).thenComparing(Cell::holderCause));
            return out;
        }

        @Override
        public void close() throws SQLException {
            holds.close();
        }
    }

    /**
     * What the root was spending its hold on at the start of the piece, as shares; a root
     * that holds nothing then is a waiter the free lock is being handed to.
     */
    private static Map<String, Double> holderCauses(RootTime r,
                                                    TimeWindow<HolderOf, Hold> holds) {
        if (r.root() == null) {
            return Map.of(UNKNOWN, 1.0);
        }
        List<Hold> list = holds.of(new HolderOf(r.root(), r.lockId()));
        int lo = TimeWindow.firstEndingAfter(list, r.begin(), Hold::end);
        if (lo < list.size() && list.get(lo).begin() <= r.begin()) {
            return list.get(lo).share();
        }
        return Map.of(HANDOFF, 1.0);
    }

    /**
     * The holds of a trace with their causes as shares (hold_cause_mix.sql, in order of
     * begin), by holder and lock, in a window.
     */
    private static final class HoldShares implements AutoCloseable {
        private final ChunkRows rows;
        final TimeWindow<HolderOf, Hold> window;
        private boolean rowReady;

        HoldShares(Connection conn, int traceId) throws SQLException {
            rows = ChunkRows.queryAside(conn, MIX_SQL, traceId);
            window = new TimeWindow<>(this::next, Hold::key, Hold::begin, Hold::end);
            rowReady = rows.next();
        }

        /** The next hold, its cause rows merged; null after the last. */
        private Hold next() {
            if (!rowReady) {
                return null;
            }
            Hold h = newHold();
            long id = rows.getLong(8);
            addShare(h);
            while ((rowReady = rows.next()) && rows.getLong(8) == id) {
                addShare(h);
            }
            return h;
        }

        private Hold newHold() {
            return new Hold(new HolderOf(rows.getInt(1), rows.getLong(2)), rows.getLong(3),
                    rows.getLong(4), Math.max(1, rows.getLong(5)), new LinkedHashMap<>());
        }

        private void addShare(Hold h) {
            String cause = rows.getString(6) == null ? UNKNOWN : rows.getString(6);
            h.share().merge(cause, (double) rows.getLong(7) / h.duration(), Double::sum);
        }

        @Override
        public void close() throws SQLException {
            rows.close();
        }
    }
}
