-- rule: malloc-mmap-churn
-- description: malloc chunks went to mmap and munmap that a larger malloc mmap threshold would keep in the heap (the mmap-threshold finding, docs/design.md scenario 1).
-- severity: error
-- threshold: 100
-- One row per mmap-threshold finding: value is the mmap and munmap calls the recommended threshold removes.
SELECT v.value AS value,
       format('{}; recommended M_MMAP_THRESHOLD {}', f.title,
              (SELECT r.value FROM finding_figures r WHERE r.trace_id = f.trace_id
                  AND r.rank = f.rank AND r.name = 'recommended_threshold')) AS evidence
FROM findings f
JOIN finding_figures v ON v.trace_id = f.trace_id AND v.rank = f.rank
    AND v.name = 'calls_removed'
WHERE f.trace_id = $trace_id AND f.scenario = 'mmap-threshold'
