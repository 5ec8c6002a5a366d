-- The madvise calls of a trace ($1) by advice: how many, and how many took an mmap_lock
-- (a hold of it began inside the call).
WITH calls AS (
    SELECT e.tid, e.ts AS begin_ts, coalesce(x.ts, e.ts) AS end_ts, e.args['behavior'] AS advice
    FROM syscalls e
    ASOF LEFT JOIN (SELECT * FROM syscalls WHERE trace_id = $1 AND phase = 'exit') x
        ON x.tid = e.tid AND x.name = e.name AND x.seq > e.seq
    WHERE e.trace_id = $1 AND e.phase = 'enter' AND e.name = 'madvise'
)
SELECT c.advice, count(*) AS calls,
       count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM holds h JOIN locks l ON l.trace_id = h.trace_id
               AND l.lock_id = h.lock_id AND l.name = 'mmap_lock'
           WHERE h.trace_id = $1 AND h.tid = c.tid AND h.begin_ts >= c.begin_ts
               AND h.begin_ts <= c.end_ts)) AS locked
FROM calls c GROUP BY 1 ORDER BY 1
