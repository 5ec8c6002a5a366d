-- The kernel-lock waiting of a trace ($1) by class of lock (locks.name; NULL: locks nothing
-- names; the futex waits have models of their own: user_locks.sql, the wakeup latency),
-- each wait counted once (not the spinlock waits inside another kernel-lock wait; those inside
-- a futex wait count): waits, total, longest,
-- waiting threads, its share of all the waiting (per mille), and how much of it was blamed on
-- a known thread. Classes below $2 ns or $3 per mille of the waiting are left out.
WITH w AS (
    SELECT w.trace_id, w.wait_id, w.tid, w.duration_ns, l.name
    FROM waits w
    JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
    LEFT JOIN waits e ON e.trace_id = w.trace_id AND e.wait_id = w.enclosing_wait_id
    WHERE w.trace_id = $1 AND w.lock_type IS DISTINCT FROM 'futex'
      AND (w.enclosing_wait_id IS NULL OR e.lock_type = 'futex')
), known AS (
    SELECT w.name, sum(b.blamed_ns) AS ns
    FROM blame b
    JOIN w ON w.trace_id = b.trace_id AND w.wait_id = b.wait_id
    WHERE b.trace_id = $1 AND b.blocker_tid IS NOT NULL AND b.blocker_tid <> b.waiter_tid
    GROUP BY w.name
), classes AS (
    SELECT name, count(*) AS waits, sum(duration_ns) AS ns, max(duration_ns) AS max_ns,
           count(DISTINCT tid) AS threads
    FROM w
    GROUP BY name
)
SELECT c.name, c.waits, c.ns AS wait_ns, c.max_ns AS max_wait_ns, c.threads,
       (1000 * c.ns / (SELECT sum(duration_ns) FROM w))::BIGINT AS share_per_mille,
       coalesce(k.ns, 0) AS known_holder_ns
FROM classes c
LEFT JOIN known k ON k.name IS NOT DISTINCT FROM c.name
WHERE c.ns >= $2 AND 1000 * c.ns >= $3 * (SELECT sum(duration_ns) FROM w)
ORDER BY c.ns DESC, c.name
