-- The weight of each (thread name, stack) of a trace ($1) as stackcollapse-perf.pl counts
-- perf script: the on-CPU samples of one event ($2; NULL: the first sample event of the
-- trace), each weighing its period, and every other event with a stack (tracepoints, whose
-- header lines do not end in 'event:' and so pass the script's event filter), weighing 1.
WITH chosen AS (
    SELECT coalesce($2, (SELECT arg_min(event, seq) FROM samples WHERE trace_id = $1)) AS event
)
SELECT comm, stack_id, sum(weight)::BIGINT AS weight FROM (
    SELECT s.comm, s.stack_id, coalesce(s.period, 1) AS weight
    FROM samples s, chosen c
    WHERE s.trace_id = $1 AND s.stack_id IS NOT NULL AND s.event = c.event
    UNION ALL
    SELECT e.comm, e.stack_id, 1
    FROM events e
    WHERE e.trace_id = $1 AND e.stack_id IS NOT NULL AND e.table_name <> 'samples'
        AND $3
)
GROUP BY ALL
