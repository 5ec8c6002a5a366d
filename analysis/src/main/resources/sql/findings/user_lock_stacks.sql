-- The waiting on one user-space lock of a trace ($1 trace, $2 lock_id) by the user stack the
-- waits began with.
SELECT stack_id, sum(duration_ns)::BIGINT AS ns
FROM waits
WHERE trace_id = $1 AND lock_id = $2 AND stack_id IS NOT NULL
GROUP BY stack_id
