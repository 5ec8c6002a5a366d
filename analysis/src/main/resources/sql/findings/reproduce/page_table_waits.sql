-- The page tables of a process ($2) of a trace ($1) whose locks were waited for the longest,
-- with the threads that waited on each.
-- Shown with a finding, its parameters written in (ReproductionQuery).
SELECT w.lock_id, l.lock_addr, count(*) AS waits, sum(w.duration_ns) AS ns,
       count(DISTINCT w.tid) AS threads, string_agg(DISTINCT w.tid::VARCHAR, ' ') AS tids
FROM waits w
JOIN locks l USING (trace_id, lock_id)
LEFT JOIN threads t ON t.trace_id = w.trace_id AND t.tid = w.tid
WHERE w.trace_id = $1 AND l.name = 'page-table lock' AND coalesce(t.pid, w.tid) = $2
GROUP BY ALL ORDER BY ns DESC LIMIT 20
