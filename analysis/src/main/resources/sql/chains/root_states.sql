-- What one thread ($2) of a trace ($1) did between $3 and $4: time per state, and its name
-- and priority then.
SELECT state,
       sum(least(end_ts, $4) - greatest(begin_ts, $3))::BIGINT AS ns,
       arg_max(comm, begin_ts) AS comm, arg_max(prio, begin_ts) AS prio,
       arg_max(cpu, begin_ts) AS cpu
FROM thread_states
WHERE trace_id = $1 AND tid = $2 AND begin_ts < $4 AND end_ts > $3
GROUP BY state
ORDER BY ns DESC
