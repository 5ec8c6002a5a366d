-- The longest waits of a trace ($1) on the locks of one name ($2).
-- Shown with a finding, its parameters written in (ReproductionQuery).
SELECT w.tid, w.comm, w.duration_ns, w.syscall, w.stack_id
FROM waits w
JOIN locks l USING (trace_id, lock_id)
WHERE w.trace_id = $1 AND l.name = $2
ORDER BY w.duration_ns DESC LIMIT 20
