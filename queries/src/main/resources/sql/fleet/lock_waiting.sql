-- Lock waiting per lock, host and day: waits not inside another wait of the same thread (a
-- spinlock waited for inside an rwsem wait counts once), by the lock's name, else its kind.
SELECT w.date, w.host, coalesce(l.name, l.kind, 'unknown') AS lock_name, count(*) AS waits,
       CAST(sum(w.duration_ns) AS BIGINT) AS wait_ns, max(w.duration_ns) AS max_ns,
       count(DISTINCT w.trace_id) AS traces
FROM waits w
JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
WHERE w.enclosing_wait_id IS NULL
GROUP BY w.date, w.host, coalesce(l.name, l.kind, 'unknown')
ORDER BY wait_ns DESC, date, host, lock_name
