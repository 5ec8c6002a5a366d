-- Every thread state of one trace ($1), each thread's in time order.
SELECT tid, state, begin_ts, end_ts, comm, prio, cpu
FROM thread_states
WHERE trace_id = $1
ORDER BY tid, begin_ts
