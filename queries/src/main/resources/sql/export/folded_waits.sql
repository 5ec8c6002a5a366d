-- Lock waits of a trace ($1) with a stack, by thread name, stack and lock: the waiting in ns
-- (off-CPU stacks weighted by wait time).
SELECT w.comm, w.stack_id, coalesce(l.name, l.kind, 'lock') AS lock,
       sum(w.duration_ns)::BIGINT AS weight
FROM waits w JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
WHERE w.trace_id = $1 AND w.stack_id IS NOT NULL
GROUP BY ALL
