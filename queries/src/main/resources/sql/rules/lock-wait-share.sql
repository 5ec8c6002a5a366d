-- rule: lock-wait-share
-- description: A thread spent more than this share of its time in the trace waiting for locks (threads seen for at least 10 ms that waited at least 1 ms).
-- severity: error
-- threshold: 50%
-- One row per thread: value is its lock waiting as a percentage of its time in the trace (waits nested in another wait counted once).
-- Why the minimums: a thread the trace sees for a moment (10 us, all of it one wait) would
-- count as waiting 100% of its time, and a benchmark's short-lived threads fail a build that
-- way; under 10 ms of a thread, or under 1 ms of waiting, the share says nothing.
SELECT 100.0 * sum(w.duration_ns) / greatest(max(t.last_ts) - min(t.first_ts), 1) AS value,
       format('{} {} waited {} ms for locks in {} ms ({} waits)', max(t.comm), t.tid,
              round(sum(w.duration_ns) / 1e6, 2),
              round((max(t.last_ts) - min(t.first_ts)) / 1e6, 2), count(*)) AS evidence
FROM waits w
JOIN threads t ON t.trace_id = w.trace_id AND t.tid = w.tid
WHERE w.trace_id = $trace_id AND w.enclosing_wait_id IS NULL
GROUP BY t.tid
HAVING max(t.last_ts) - min(t.first_ts) >= 10000000 AND sum(w.duration_ns) >= 1000000
ORDER BY value DESC
