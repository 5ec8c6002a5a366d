package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.store.RowOf;

/**
 * A row of {@code blame}: one piece of a wait, the time it waited for one blocker doing one
 * thing; blocker null when the trace does not say. The replay writes these, the chains read
 * them back.
 */
@RowOf("blame")
public record BlameRow(int traceId, long waitId, int waiterTid, long lockId, Integer blockerTid,
                       String relation, String blockerState, Long blockerWaitId, long beginTs,
                       long endTs, long durationNs, int share, long blamedNs, Long holdId) {
    /** A piece from {@code beginTs} to {@code endTs} shared among {@code share} blockers. */
    public static BlameRow of(int traceId, long waitId, int waiterTid, long lockId,
                              Integer blockerTid, String relation, String blockerState,
                              Long blockerWaitId, long beginTs, long endTs, int share,
                              Long holdId) {
        long duration = endTs - beginTs;
        return new BlameRow(traceId, waitId, waiterTid, lockId, blockerTid, relation,
                blockerState, blockerWaitId, beginTs, endTs, duration, share, duration / share,
                holdId);
    }
}
