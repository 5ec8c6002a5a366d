-- The frames of the stacks that waited on one class of lock ($2; NULL: locks nothing names)
-- of a trace ($1), with each stack's waiting (ns), the stack that waited most first.
WITH s AS (
    SELECT w.stack_id, sum(w.duration_ns) AS ns
    FROM waits w
    JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
    WHERE w.trace_id = $1 AND w.enclosing_wait_id IS NULL AND w.stack_id IS NOT NULL
      AND l.name IS NOT DISTINCT FROM $2
    GROUP BY 1
)
SELECT s.stack_id, s.ns, f.symbol
FROM s JOIN stack_frames f ON f.trace_id = $1 AND f.stack_id = s.stack_id
ORDER BY s.ns DESC, s.stack_id, f.depth
