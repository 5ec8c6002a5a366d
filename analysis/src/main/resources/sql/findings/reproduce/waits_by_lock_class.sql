-- The longest waits of a trace ($1) on the locks of one class ($2, or the locks nothing names
-- when it is NULL), with the lock, the waiter's syscall and the stack of the begin.
-- Shown with a finding, its parameters written in (ReproductionQuery).
SELECT w.tid, w.comm, l.lock_addr, w.duration_ns, w.syscall, w.stack_id
FROM waits w
JOIN locks l USING (trace_id, lock_id)
WHERE w.trace_id = $1 AND l.name IS NOT DISTINCT FROM $2
ORDER BY w.duration_ns DESC LIMIT 20
