-- The holders of one user-space lock of a trace ($1 trace, $2 lock_id) the waiters waited
-- for most: the thread whose wake ended each wait, with the waiting blamed on it.
SELECT coalesce(t.comm, '') || ' ' || b.blocker_tid AS holder, sum(b.blamed_ns)::BIGINT AS ns
FROM blame b
LEFT JOIN threads t ON t.trace_id = b.trace_id AND t.tid = b.blocker_tid
WHERE b.trace_id = $1 AND b.lock_id = $2 AND b.relation = 'holder'
GROUP BY ALL
ORDER BY ns DESC, holder
LIMIT 3
