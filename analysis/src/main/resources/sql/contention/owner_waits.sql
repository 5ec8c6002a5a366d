-- The waiting of a trace ($1) per wait and the thread it waited for (blame: holders, writers
-- queued ahead, handoffs), with what the filters need: the waiter's process ($2) and thread
-- ($3), the time window ($4, $5). blocker -1: the trace does not say. futex: a wait on a
-- user-space lock, whose type the flags do not give.
SELECT b.wait_id, coalesce(b.blocker_tid, -1) AS blocker, w.tid, coalesce(w.flags, 0) AS flags,
       w.lock_type = 'futex' AS futex, l.lock_addr, l.name, coalesce(w.stack_id, -1) AS stack_id,
       sum(b.blamed_ns)::BIGINT AS ns
FROM blame b
JOIN waits w ON w.trace_id = b.trace_id AND w.wait_id = b.wait_id
JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
WHERE b.trace_id = $1
  AND (CAST($2 AS INTEGER) IS NULL
       OR w.tid IN (SELECT tid FROM threads WHERE trace_id = $1 AND pid = CAST($2 AS INTEGER)))
  AND (CAST($3 AS INTEGER) IS NULL OR w.tid = CAST($3 AS INTEGER))
  AND (CAST($4 AS BIGINT) IS NULL OR w.begin_ts >= CAST($4 AS BIGINT))
  AND (CAST($5 AS BIGINT) IS NULL OR w.begin_ts <= CAST($5 AS BIGINT))
GROUP BY ALL
ORDER BY b.wait_id, blocker
