-- The frames of every stack that can tell what a holder did, of one trace ($1): of on-CPU
-- samples inside a hold, of mmap_lock acquire_returned and of contention_end events.
SELECT f.stack_id, f.ip, f.symbol, f.symbol_offset, f.module
FROM stack_frames f
WHERE f.trace_id = $1
  AND f.stack_id IN (SELECT s.stack_id FROM holds h JOIN samples s ON s.trace_id = h.trace_id
                     AND s.tid = h.tid AND s.ts >= h.begin_ts AND s.ts < h.end_ts
                     WHERE h.trace_id = $1
                     UNION ALL
                     SELECT stack_id FROM mmap_lock
                     WHERE trace_id = $1 AND phase = 'acquire_returned'
                     UNION ALL
                     SELECT stack_id FROM lock_contention
                     WHERE trace_id = $1 AND phase = 'end')
ORDER BY f.stack_id, f.depth
