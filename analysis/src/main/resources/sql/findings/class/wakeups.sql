-- Evidence for the locks every wakeup takes (rq lock, task pi_lock, wait-queue lock) in a
-- trace ($1): the wakeups (sched_waking where recorded, else sched_wakeup), per second, and
-- the most threads runnable or running at once against the CPUs (the header's, else those
-- the trace saw switch): more runnable threads than CPUs means wakers queue on run queues.
WITH t AS (
    SELECT greatest(last_ts - first_ts, 1) AS span_ns, nrcpus FROM traces WHERE trace_id = $1
), w AS (
    SELECT count(*) FILTER (WHERE event = 'sched:sched_waking') AS waking,
           count(*) AS any_wakeup
    FROM sched_wakeup WHERE trace_id = $1
), edges AS (
    SELECT begin_ts AS ts, 1 AS d FROM thread_states
    WHERE trace_id = $1 AND state IN ('running', 'runnable', 'preempted')
    UNION ALL
    SELECT end_ts, -1 FROM thread_states
    WHERE trace_id = $1 AND state IN ('running', 'runnable', 'preempted')
), load AS (
    SELECT sum(d) OVER (ORDER BY ts, d ROWS UNBOUNDED PRECEDING) AS n FROM edges
)
SELECT (SELECT CASE WHEN waking > 0 THEN waking ELSE any_wakeup END FROM w) AS wakeups,
       (SELECT CASE WHEN waking > 0 THEN waking ELSE any_wakeup END FROM w) * 1000000000
           // (SELECT span_ns FROM t) AS wakeups_per_second,
       coalesce((SELECT max(n) FROM load), 0) AS most_runnable,
       coalesce((SELECT nrcpus FROM t), (SELECT count(DISTINCT cpu) FROM sched_switch
                                         WHERE trace_id = $1)) AS cpus
