-- Who waited for whom on one lock ($2) of a trace ($1), and in what state the blocker was.
-- Shown with a finding, its parameters written in (ReproductionQuery).
SELECT b.waiter_tid, b.blocker_tid, b.relation, b.blocker_state, sum(b.blamed_ns) AS ns
FROM blame b
WHERE b.trace_id = $1 AND b.lock_id = $2
GROUP BY ALL
ORDER BY ns DESC
