-- The lock waits of a trace ($1) for pprof, by stack, lock, thread and what the waiter was
-- in (its syscall): how many and how long.
SELECT w.stack_id, coalesce(l.name, l.lock_addr, 'lock') AS lock, w.tid, w.comm,
       coalesce(w.syscall, 'no syscall') AS cause, count(*) AS waits,
       sum(w.duration_ns)::BIGINT AS wait_ns
FROM waits w JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
WHERE w.trace_id = $1
GROUP BY ALL
