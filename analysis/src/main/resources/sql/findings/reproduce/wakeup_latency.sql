-- The longest waits for a CPU after a lock was handed over or a waiter woken, of a trace
-- ($1): the waiter, the lock, and how long it was runnable or preempted before it ran.
SELECT b.waiter_tid, l.name, l.lock_addr, b.blocker_state, b.begin_ts, b.duration_ns
FROM blame b
JOIN locks l USING (trace_id, lock_id)
WHERE b.trace_id = $1 AND b.relation = 'handoff' AND b.blocker_state IN ('runnable', 'preempted')
ORDER BY b.duration_ns DESC LIMIT 20
