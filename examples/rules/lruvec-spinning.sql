-- rule: lruvec-spinning
-- description: Time spinning on the LRU lock, as a share of the trace's thread time (madvise/refault churn, docs/design.md scenario 5).
-- severity: warning
-- threshold: 1%
SELECT 100.0 * sum(w.duration_ns) / greatest(
           (SELECT (last_ts - first_ts) * (SELECT count(*) FROM threads WHERE trace_id = $trace_id)
            FROM traces WHERE trace_id = $trace_id), 1) AS value,
       format('{} waits on the lruvec lock, {} ms in all', count(*),
              round(sum(w.duration_ns) / 1e6, 3)) AS evidence
FROM waits w
JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id AND l.name = 'lruvec lock'
WHERE w.trace_id = $trace_id
HAVING count(*) > 0
