-- perf lock contention's callers (its default grouping) summed over the traces.
SELECT label AS caller, type AS lock_type, CAST(sum(contended) AS BIGINT) AS contended,
       CAST(sum(acquired) AS BIGINT) AS acquired, CAST(sum(total_ns) AS BIGINT) AS wait_ns,
       max(max_ns) AS max_ns,
       count(DISTINCT trace_id) AS traces, count(DISTINCT host) AS hosts
FROM contention
WHERE grouped_by = 'caller'
GROUP BY label, type
ORDER BY wait_ns DESC, caller, lock_type
