-- The frames of every stack a futex call's enter of one trace points at ($1: trace_id), leaf
-- first: the user stack names the lock (user-lock-names.tsv).
SELECT f.stack_id, f.ip, f.symbol, f.symbol_offset, f.module
FROM stack_frames f
WHERE f.trace_id = $1
  AND f.stack_id IN (SELECT DISTINCT stack_id FROM syscalls
                     WHERE trace_id = $1 AND name = 'futex' AND phase = 'enter'
                       AND stack_id IS NOT NULL)
ORDER BY f.stack_id, f.depth
