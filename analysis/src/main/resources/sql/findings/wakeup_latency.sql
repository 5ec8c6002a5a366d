-- Waiting for a CPU after the wake (a trace, $1): the tails of the lock waits (kernel and
-- futex) from the moment the lock was handed over or the waiter woken until it ran again
-- (blame's handoff pieces while the waiter was runnable or preempted), at least $2 ns in all:
-- how many waits, waiters, total and longest tail, and the trace's CPUs (as its header says,
-- else those the threads ran on).
WITH tails AS (
    SELECT wait_id, waiter_tid, begin_ts, end_ts, blamed_ns
    FROM blame
    WHERE trace_id = $1 AND relation = 'handoff' AND blocker_state IN ('runnable', 'preempted')
), per_wait AS (
    SELECT wait_id, waiter_tid, sum(blamed_ns) AS ns FROM tails GROUP BY ALL
), totals AS (
    SELECT count(*) AS waits, count(DISTINCT waiter_tid) AS waiters,
           coalesce(sum(ns), 0)::BIGINT AS tail_ns, coalesce(max(ns), 0)::BIGINT AS max_tail_ns
    FROM per_wait
)
SELECT waits, waiters, tail_ns, max_tail_ns,
       coalesce((SELECT max(nrcpus) FROM traces WHERE trace_id = $1),
                (SELECT count(DISTINCT cpu) FROM thread_states
                 WHERE trace_id = $1 AND cpu IS NOT NULL)) AS cpus
FROM totals
WHERE tail_ns >= $2
