-- The stacks of a bpftrace capture ($1) by the value of their map entries.
-- Shown with a finding, its parameters written in (ReproductionQuery).
SELECT m.map, m.value, string_agg(f.symbol, ' <- '
ORDER BY f.depth) AS stack
FROM bpftrace_maps m
JOIN stack_frames f USING (trace_id, stack_id)
WHERE m.trace_id = $1
GROUP BY ALL
ORDER BY m.value DESC
