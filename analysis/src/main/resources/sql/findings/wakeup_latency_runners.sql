-- What ran while woken lock waiters waited for a CPU (a trace, $1): the threads running on the
-- CPUs during the waits' tails after the wake (wakeup_latency.sql), with the time they ran
-- then, the most first.
WITH tails AS (
    SELECT waiter_tid, begin_ts, end_ts
    FROM blame
    WHERE trace_id = $1 AND relation = 'handoff' AND blocker_state IN ('runnable', 'preempted')
)
SELECT coalesce(s.comm, '') || ' ' || s.tid AS thread,
       sum(least(s.end_ts, t.end_ts) - greatest(s.begin_ts, t.begin_ts))::BIGINT AS ns
FROM tails t
JOIN thread_states s ON s.trace_id = $1 AND s.state = 'running' AND s.tid <> t.waiter_tid
     AND s.begin_ts < t.end_ts AND s.end_ts > t.begin_ts
GROUP BY ALL
ORDER BY ns DESC, thread
LIMIT 3
