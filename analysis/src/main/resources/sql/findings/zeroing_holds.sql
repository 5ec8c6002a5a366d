-- The zeroing inside the lock holds of a trace ($1) (hold_causes), and the waiting blamed on
-- those holds in proportion to the zeroing's share of each hold. A thread's holds of one lock
-- do not overlap: the hold a blame row falls in is one ASOF match.
WITH z AS (
    SELECT c.hold_id, c.lock_id, c.tid, sum(c.ns) AS ns, h.begin_ts, h.end_ts, h.duration_ns
    FROM hold_causes c JOIN holds h ON h.trace_id = c.trace_id AND h.hold_id = c.hold_id
    WHERE c.trace_id = $1 AND c.cause = 'zeroing'
    GROUP BY ALL
), blamed AS (
    SELECT h.hold_id, sum(b.blamed_ns) AS blamed_ns
    FROM (SELECT lock_id, blocker_tid, begin_ts, blamed_ns
          FROM blame WHERE trace_id = $1 AND blocker_tid IS NOT NULL) b
    ASOF JOIN (SELECT hold_id, lock_id, tid, begin_ts, end_ts FROM holds
               WHERE trace_id = $1 AND end_ts > begin_ts) h
        ON h.lock_id = b.lock_id AND h.tid = b.blocker_tid AND h.begin_ts <= b.begin_ts
    WHERE b.begin_ts < h.end_ts AND h.hold_id IN (SELECT hold_id FROM z)
    GROUP BY 1
)
SELECT coalesce(sum(z.ns), 0)::BIGINT AS zeroing_ns,
       coalesce(sum(z.ns * coalesce(b.blamed_ns, 0) / greatest(z.duration_ns, 1)), 0)::BIGINT
           AS blamed_ns
FROM z LEFT JOIN blamed b ON b.hold_id = z.hold_id
