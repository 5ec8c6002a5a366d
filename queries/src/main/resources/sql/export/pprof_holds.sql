-- The lock holds of a trace ($1) for pprof, by lock, holder and what it spent them on
-- (hold_causes).
SELECT coalesce(l.name, l.lock_addr, 'lock') AS lock, c.tid, coalesce(t.comm, '?') AS comm,
       coalesce(c.cause, 'unknown') AS cause, sum(c.ns)::BIGINT AS hold_ns
FROM hold_causes c
JOIN locks l ON l.trace_id = c.trace_id AND l.lock_id = c.lock_id
LEFT JOIN threads t ON t.trace_id = c.trace_id AND t.tid = c.tid
WHERE c.trace_id = $1
GROUP BY ALL
