-- The metrics diff compares, of one trace ($1): name, value, unit. Rates are normalised by
-- the trace's thread time (its duration times its threads), so traces of different lengths
-- and thread counts compare: 'percent' is a percentage of that thread time, 'per_second' a
-- count per thread-second; 'ns' values are not normalised (wait percentiles). Holds count
-- for mmap_lock only (its holds are exact; other locks' holds matter through their waits).
-- samples: the waits a percentile is taken of, the calls of a rate; min_samples: how many a
-- percentile needs to decide
-- (10 waits above it: 20 for p50, 100 for p90, 1,000 for p99; NULL: never alone, the max).
WITH t AS (
    SELECT greatest(last_ts - first_ts, 1) AS span_ns,
           greatest((SELECT count(*) FROM threads WHERE trace_id = $1), 1) AS threads
    FROM traces WHERE trace_id = $1
), w AS (
    SELECT w.*, coalesce(l.name, l.kind, 'unknown') AS lock_name
    FROM waits w JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
    WHERE w.trace_id = $1 AND w.enclosing_wait_id IS NULL
)
SELECT 'wait.all' AS name, 100.0 * coalesce(sum(duration_ns), 0) / (SELECT span_ns * threads FROM t),
       'percent', 0, 0 FROM w
UNION ALL
SELECT 'wait.lock:' || lock_name, 100.0 * sum(duration_ns) / (SELECT span_ns * threads FROM t), 'percent',
       0, 0
FROM w GROUP BY ALL
UNION ALL
SELECT 'wait.in:' || coalesce(syscall, 'no syscall'),
       100.0 * sum(duration_ns) / (SELECT span_ns * threads FROM t), 'percent', 0, 0
FROM w GROUP BY ALL
UNION ALL
SELECT 'mmap_lock.hold:' || coalesce(c.cause, 'unknown'),
       100.0 * sum(c.ns) / (SELECT span_ns * threads FROM t), 'percent', 0, 0
FROM hold_causes c
JOIN locks l ON l.trace_id = c.trace_id AND l.lock_id = c.lock_id AND l.name = 'mmap_lock'
WHERE c.trace_id = $1 GROUP BY ALL
UNION ALL
SELECT 'wait.p50', quantile_disc(duration_ns, 0.5), 'ns', count(*), 20 FROM w HAVING count(*) > 0
UNION ALL
SELECT 'wait.p90', quantile_disc(duration_ns, 0.9), 'ns', count(*), 100 FROM w HAVING count(*) > 0
UNION ALL
SELECT 'wait.p99', quantile_disc(duration_ns, 0.99), 'ns', count(*), 1000 FROM w HAVING count(*) > 0
UNION ALL
SELECT 'wait.max', max(duration_ns), 'ns', count(*), NULL FROM w HAVING count(*) > 0
UNION ALL
SELECT 'syscall.' || name, count(*) * 1e9 / (SELECT span_ns * threads FROM t), 'per_second',
       count(*), 0
FROM syscalls WHERE trace_id = $1 AND phase = 'enter' AND name IN ('mmap', 'munmap')
GROUP BY ALL
