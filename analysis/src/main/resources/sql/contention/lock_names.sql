-- The named locks of a trace ($1) by address as the trace prints it, with the process of an
-- mmap_lock.
SELECT lock_addr, name, pid FROM locks WHERE trace_id = $1 AND lock_addr IS NOT NULL
