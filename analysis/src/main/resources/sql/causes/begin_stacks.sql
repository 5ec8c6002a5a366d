-- The frames of the stacks of the events that begin holds, of one trace ($1): mmap_lock
-- acquire_returned and contention_end.
SELECT f.stack_id, f.ip, f.symbol, f.symbol_offset, f.module
FROM stack_frames f
WHERE f.trace_id = $1
  AND f.stack_id IN (SELECT stack_id FROM mmap_lock
                     WHERE trace_id = $1 AND phase = 'acquire_returned'
                     UNION ALL
                     SELECT stack_id FROM lock_contention
                     WHERE trace_id = $1 AND phase = 'end')
ORDER BY f.stack_id, f.depth
