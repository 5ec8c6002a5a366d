-- Every frame of the stacks of a trace ($1), leaf first within a stack.
SELECT stack_id, ip, symbol, symbol_offset, module
FROM stack_frames WHERE trace_id = $1
ORDER BY stack_id, depth
