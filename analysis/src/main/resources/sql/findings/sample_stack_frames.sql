-- The frames of the stacks of a trace's ($1) on-CPU samples.
SELECT f.stack_id, f.ip, f.symbol, f.symbol_offset, f.module
FROM stack_frames f
WHERE f.trace_id = $1
  AND f.stack_id IN (SELECT DISTINCT stack_id FROM samples WHERE trace_id = $1)
ORDER BY f.stack_id, f.depth
