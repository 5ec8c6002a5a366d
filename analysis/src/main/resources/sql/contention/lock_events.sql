-- The lock:contention_begin/end events of one trace (parameter 1: trace_id) in input order,
-- which is the order perf lock contention processes them.
SELECT tid, phase = 'begin' AS is_begin, lock_addr, coalesce(flags, 0) AS flags, ts,
       coalesce(stack_id, -1) AS stack_id
FROM lock_contention
WHERE trace_id = ?
ORDER BY seq
