-- What the waiters of one class of lock ($2; NULL: locks nothing names) of a trace ($1) were
-- doing: their waiting by the syscall they were in, the most first.
SELECT coalesce(w.syscall, 'no traced syscall') AS syscall, sum(w.duration_ns) AS ns
FROM waits w
JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
WHERE w.trace_id = $1 AND w.enclosing_wait_id IS NULL AND l.name IS NOT DISTINCT FROM $2
GROUP BY 1
ORDER BY ns DESC, syscall
LIMIT 3
