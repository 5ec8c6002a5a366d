-- Priority inversions per kernel release (traces without a header: unknown).
SELECT coalesce(t.os_release, 'unknown') AS kernel, count(DISTINCT t.trace_id) AS traces,
       count(DISTINCT i.trace_id) AS traces_with_inversions, count(i.trace_id) AS inversions,
       CAST(coalesce(sum(i.lost_ns), 0) AS BIGINT) AS lost_ns
FROM traces t
LEFT JOIN inversions i ON i.trace_id = t.trace_id
GROUP BY coalesce(t.os_release, 'unknown')
ORDER BY lost_ns DESC, kernel
