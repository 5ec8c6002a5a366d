-- The frames of every stack a lock:contention event of one trace points at
-- ($1: trace_id), leaf first.
SELECT f.stack_id, f.ip, f.symbol, f.symbol_offset, f.module
FROM stack_frames f
WHERE f.trace_id = $1
  AND f.stack_id IN (SELECT DISTINCT stack_id FROM lock_contention
                     WHERE trace_id = $1 AND stack_id IS NOT NULL)
ORDER BY f.stack_id, f.depth
