-- The waits and wait time of each lock of one trace ($1), once its waits are written.
UPDATE locks SET waits = w.n, wait_ns = w.ns
FROM (SELECT lock_id, count(*) AS n, sum(duration_ns) AS ns
      FROM waits WHERE trace_id = $1 GROUP BY lock_id) w
WHERE locks.trace_id = $1 AND locks.lock_id = w.lock_id
