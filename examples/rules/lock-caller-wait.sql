-- rule: lock-caller-wait
-- description: A caller of a lock waited this long in total, as perf lock contention counts it (its default table: by caller, the callchain's first function outside the locking code).
-- severity: error
-- threshold: 100 ms
-- One row per row of perf lock contention's default table: value is the caller's total wait.
SELECT c.total_ns AS value,
       format('{} {} waited {} ms in {} waits (longest {} ms)', c.type, c.label,
              round(c.total_ns / 1e6, 2), c.contended, round(c.max_ns / 1e6, 2)) AS evidence
FROM contention c
WHERE c.trace_id = $trace_id AND c.grouped_by = 'caller'
ORDER BY value DESC
