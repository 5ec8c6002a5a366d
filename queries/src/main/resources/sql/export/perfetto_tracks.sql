-- The tracks of a trace ($1) for Perfetto: a track per process and per thread (named), under
-- each thread a track of its lock waits and one per lock it held, a track per priority
-- inversion (from the temporary inversions table), and a counter of waiters per lock. uuid
-- formulas match perfetto_events.sql. kind: process, thread, child, counter.
WITH lk AS (
    SELECT lock_id, coalesce(name, lock_addr, 'lock ' || lock_id) AS lock
    FROM locks WHERE trace_id = $1
)
SELECT (1::UBIGINT << 62) + pid * 256 + 4 AS uuid, NULL::UBIGINT AS parent, 'process' AS kind,
       coalesce(max(comm) FILTER (WHERE tid = pid), max(comm), 'process') AS name,
       pid, NULL::INTEGER AS tid
FROM threads WHERE trace_id = $1 AND pid IS NOT NULL GROUP BY pid
UNION ALL
SELECT tid * 256 + 1, CASE WHEN pid IS NOT NULL THEN (1::UBIGINT << 62) + pid * 256 + 4 END,
       'thread', coalesce(comm, 'thread'), pid, tid
FROM threads WHERE trace_id = $1
UNION ALL
SELECT DISTINCT tid * 256 + 2, tid * 256 + 1, 'child', 'lock waits', NULL, tid
FROM waits WHERE trace_id = $1
UNION ALL
SELECT DISTINCT (h.lock_id::UBIGINT << 32) + h.tid * 256 + 3, h.tid * 256 + 1, 'child',
       'holds ' || lk.lock, NULL, h.tid
FROM holds h JOIN lk USING (lock_id) WHERE h.trace_id = $1
UNION ALL
SELECT (1::UBIGINT << 60) + (row_number() OVER (ORDER BY begin_ts, root_tid)) * 256 + 5,
       root_tid * 256 + 1, 'child', 'priority inversion', NULL, root_tid
FROM inversions WHERE trace_id = $1
UNION ALL
SELECT DISTINCT (1::UBIGINT << 61) + w.lock_id * 256 + 6, NULL, 'counter',
       'waiters ' || lk.lock, NULL, NULL
FROM waits w JOIN lk USING (lock_id) WHERE w.trace_id = $1
ORDER BY kind DESC, uuid
