-- rule: finding-saving
-- description: A finding predicts that a known fix saves more waiting than this (the findings command has the evidence and the fix).
-- severity: error
-- threshold: 500 ms
-- One row per finding: value is its predicted saving.
SELECT saved_ns AS value, format('#{}: {}', rank, title) AS evidence
FROM findings
WHERE trace_id = $trace_id
ORDER BY value DESC
