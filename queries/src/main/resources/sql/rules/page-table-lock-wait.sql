-- rule: page-table-lock-wait
-- description: A process's threads spun this long on page-table locks: they faulted pages of the same 2 MiB regions at once (the page-table-lock finding says how to split the ranges).
-- severity: warning
-- threshold: 20 ms
-- One row per process: value is its threads' waiting on page-table locks (locks named from the fault paths that take them, lock-names.tsv).
SELECT sum(w.duration_ns) AS value,
       format('{} {}: {} waits on the locks of {} page tables by {} threads, {} ms',
              coalesce(any_value(p.comm), 'pid'), w.pid, count(*),
              count(DISTINCT w.lock_id), count(DISTINCT w.tid),
              round(sum(w.duration_ns) / 1e6, 2)) AS evidence
FROM page_table_waits($trace_id) w
LEFT JOIN threads t ON t.trace_id = w.trace_id AND t.tid = w.tid
LEFT JOIN threads p ON p.trace_id = w.trace_id AND p.tid = t.pid
GROUP BY w.pid
ORDER BY value DESC
