-- The frames of the stacks of a trace ($1) that lock waits or bpftrace map keys have.
SELECT f.stack_id, f.ip, f.symbol, f.symbol_offset, f.module
FROM stack_frames f
WHERE f.trace_id = $1 AND f.stack_id IN (
    SELECT stack_id FROM waits WHERE trace_id = $1
    UNION SELECT stack_id FROM bpftrace_maps WHERE trace_id = $1)
ORDER BY f.stack_id, f.depth
