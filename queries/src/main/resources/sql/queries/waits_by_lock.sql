-- Lock waiting of a trace ($1) per lock: waits, total, longest, and the lock's kind.
SELECT coalesce(l.name, l.lock_addr) AS lock, l.kind, count(*) AS waits,
       sum(w.duration_ns) AS wait_ns, max(w.duration_ns) AS max_wait_ns
FROM waits w JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
WHERE w.trace_id = $1
GROUP BY ALL ORDER BY wait_ns DESC
