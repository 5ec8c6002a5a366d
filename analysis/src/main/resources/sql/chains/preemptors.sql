-- The threads that ran on the CPU of a thread ($2) of a trace ($1) while it was preempted or
-- waiting for a CPU between $3 and $4, with how long each ran there then.
SELECT o.tid, arg_max(o.comm, o.begin_ts) AS comm, arg_max(o.prio, o.begin_ts) AS prio,
       sum(least(o.end_ts, r.end_ts, $4) - greatest(o.begin_ts, r.begin_ts, $3))::BIGINT AS ns
FROM thread_states r
JOIN thread_states o ON o.trace_id = r.trace_id AND o.cpu = r.cpu AND o.tid <> r.tid
    AND o.state = 'running' AND o.begin_ts < r.end_ts AND o.end_ts > r.begin_ts
    AND o.begin_ts < $4 AND o.end_ts > $3
WHERE r.trace_id = $1 AND r.tid = $2 AND r.state IN ('preempted', 'runnable')
  AND r.begin_ts < $4 AND r.end_ts > $3
GROUP BY o.tid
HAVING sum(least(o.end_ts, r.end_ts, $4) - greatest(o.begin_ts, r.begin_ts, $3)) > 0
ORDER BY ns DESC, o.tid
