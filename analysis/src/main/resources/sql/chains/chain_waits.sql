-- The waits of one trace ($1) that have blame, with their lock, the waiter's priority at the
-- begin (its latest thread state that began by then; where the trace shows the thread only
-- from later on, as the first wait of a thread near the start of a capture does, the first
-- priority shown after the begin: nothing changes a thread's priority unseen while it waits)
-- and the stack of the begin.
SELECT w.wait_id, w.tid, w.comm, w.lock_id, w.mode, w.syscall, w.begin_ts, w.end_ts,
       w.duration_ns, l.name, l.lock_addr, coalesce(s.prio, n.prio) AS prio, w.stack_id
FROM waits w
JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
ASOF LEFT JOIN (SELECT tid, begin_ts, prio FROM thread_states
                WHERE trace_id = $1 AND prio IS NOT NULL) s
    ON s.tid = w.tid AND s.begin_ts <= w.begin_ts
ASOF LEFT JOIN (SELECT tid, begin_ts, prio FROM thread_states
                WHERE trace_id = $1 AND prio IS NOT NULL) n
    ON n.tid = w.tid AND n.begin_ts >= w.begin_ts
WHERE w.trace_id = $1 AND w.wait_id IN (SELECT wait_id FROM blame WHERE trace_id = $1)
ORDER BY w.wait_id
