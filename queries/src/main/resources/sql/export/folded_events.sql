-- The weight of each (thread name, stack) of a trace ($1) as FlameGraph's stackcollapse-perf.pl
-- counts its perf script text. An event line that ends in its name after a time ('TIME: [PERIOD]
-- NAME:', a sample with its callchain, a tracepoint printed without -F trace) is filtered: only
-- events of one name count ($2; NULL: the first such event's), each weighing its period (1 when
-- none is printed, or 0). Any other event with a stack counts 1: a tracepoint with its payload,
-- every event of a text without times. The script reads no event whose line does not begin with
-- a name and a number (no comm or no pid/tid printed). $3: whether events other than samples
-- count.
WITH lines AS (
    SELECT e.seq, e.event, e.comm, e.stack_id, e.table_name, s.period,
           e.ts IS NOT NULL AND (e.table_name = 'samples' OR coalesce(o.payload = '', false))
               AS filtered
    FROM events e
    LEFT JOIN samples s ON e.table_name = 'samples' AND s.trace_id = e.trace_id AND s.seq = e.seq
    LEFT JOIN other_events o ON e.table_name = 'other_events' AND o.trace_id = e.trace_id
        AND o.seq = e.seq
    WHERE e.trace_id = $1 AND e.comm IS NOT NULL AND e.comm <> '' AND e.tid IS NOT NULL
), chosen AS (
    SELECT coalesce($2, (SELECT arg_min(event, seq) FROM lines WHERE filtered)) AS event
)
SELECT l.comm, l.stack_id,
       sum(CASE WHEN l.filtered AND l.period > 0 THEN l.period ELSE 1 END)::BIGINT AS weight
FROM lines l, chosen c
WHERE l.stack_id IS NOT NULL
    AND (NOT l.filtered OR c.event IS NULL OR l.event = c.event)
    AND (l.table_name = 'samples' OR $3)
GROUP BY ALL
