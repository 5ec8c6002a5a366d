-- Each wait of one trace ($1) that has blame: its lock's name, its syscall, its stack and its
-- time.
SELECT w.wait_id, l.name, w.syscall, w.stack_id, w.begin_ts, w.end_ts
FROM waits w
JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
WHERE w.trace_id = $1 AND w.wait_id IN (SELECT wait_id FROM blame WHERE trace_id = $1)
ORDER BY w.wait_id
