-- The zeroing inside the lock holds of a trace ($1) (hold_causes), and the waiting blamed on
-- those holds in proportion to the zeroing's share of each hold.
WITH z AS (
    SELECT c.hold_id, c.lock_id, c.tid, sum(c.ns) AS ns, h.begin_ts, h.end_ts, h.duration_ns
    FROM hold_causes c JOIN holds h ON h.trace_id = c.trace_id AND h.hold_id = c.hold_id
    WHERE c.trace_id = $1 AND c.cause = 'zeroing'
    GROUP BY ALL
), blamed AS (
    SELECT hold_id, sum(blamed_ns) AS blamed_ns
    FROM blame WHERE trace_id = $1 AND hold_id IN (SELECT hold_id FROM z)
    GROUP BY 1
)
SELECT coalesce(sum(z.ns), 0)::BIGINT AS zeroing_ns,
       coalesce(sum(z.ns * coalesce(b.blamed_ns, 0) / greatest(z.duration_ns, 1)), 0)::BIGINT
           AS blamed_ns
FROM z LEFT JOIN blamed b ON b.hold_id = z.hold_id
