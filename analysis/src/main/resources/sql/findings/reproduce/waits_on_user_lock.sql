-- The longest waits of a trace ($1) on the user-space lock at one address ($2), with the
-- thread each waited for and what it was doing.
SELECT w.tid, w.comm, w.duration_ns, b.relation, b.blocker_tid, b.blocker_state,
       b.blamed_ns, w.stack_id
FROM waits w
JOIN locks l USING (trace_id, lock_id)
JOIN blame b ON b.trace_id = w.trace_id AND b.wait_id = w.wait_id
WHERE w.trace_id = $1 AND l.lock_addr = $2 AND w.lock_type = 'futex'
ORDER BY w.duration_ns DESC, w.wait_id, b.begin_ts LIMIT 40
