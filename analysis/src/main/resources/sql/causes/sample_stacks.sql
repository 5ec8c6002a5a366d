-- The frames of every stack an on-CPU sample inside a hold points at, of one trace ($1).
SELECT f.stack_id, f.ip, f.symbol, f.symbol_offset, f.module
FROM stack_frames f
WHERE f.trace_id = $1
  AND f.stack_id IN (SELECT s.stack_id FROM holds h JOIN samples s ON s.trace_id = h.trace_id
                     AND s.tid = h.tid AND s.ts >= h.begin_ts AND s.ts < h.end_ts
                     WHERE h.trace_id = $1)
ORDER BY f.stack_id, f.depth
