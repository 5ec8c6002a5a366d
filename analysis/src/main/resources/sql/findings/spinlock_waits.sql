-- Waits on the named locks of a trace ($1) that are not mmap_locks, with the stack of each
-- wait's begin; and the entries of bpftrace maps keyed by a kernel stack (the script's sums,
-- e.g. @by_stack[kstack] = sum(wait_ns)), named from the stack by the caller. source says
-- which: 'waits' or the map's name.
SELECT 'waits' AS source, l.name, w.duration_ns AS ns, w.stack_id
FROM waits w
JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
WHERE w.trace_id = $1 AND l.name IS NOT NULL AND l.name <> 'mmap_lock'
UNION ALL
SELECT m.map, NULL, m.value, m.stack_id
FROM bpftrace_maps m
WHERE m.trace_id = $1 AND m.stack_id IS NOT NULL AND m.value IS NOT NULL
