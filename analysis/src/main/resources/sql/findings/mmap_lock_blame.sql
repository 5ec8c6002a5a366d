-- The waits on the mmap_locks of a trace ($1), each with the pieces of its blame: who the
-- waiter waited for, from when, and the time given to that blocker. Ordered by wait.
SELECT w.wait_id, w.tid, w.begin_ts, w.duration_ns, b.blocker_tid, b.begin_ts AS piece_ts,
       coalesce(b.blamed_ns, 0) AS blamed_ns
FROM waits w
JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id AND l.name = 'mmap_lock'
LEFT JOIN blame b ON b.trace_id = w.trace_id AND b.wait_id = w.wait_id
WHERE w.trace_id = $1
ORDER BY w.wait_id, b.begin_ts
