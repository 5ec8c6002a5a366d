-- Who held one class of lock ($2; NULL: locks nothing names) of a trace ($1) while others
-- waited: the waiting blamed on each holder thread, the most first.
SELECT coalesce(t.comm, '?') || ' ' || b.blocker_tid AS holder, sum(b.blamed_ns) AS ns
FROM blame b
JOIN locks l ON l.trace_id = b.trace_id AND l.lock_id = b.lock_id
LEFT JOIN threads t ON t.trace_id = b.trace_id AND t.tid = b.blocker_tid
WHERE b.trace_id = $1 AND b.relation = 'holder' AND b.blocker_tid IS NOT NULL
  AND l.name IS NOT DISTINCT FROM $2
GROUP BY 1
ORDER BY ns DESC, holder
LIMIT 3
