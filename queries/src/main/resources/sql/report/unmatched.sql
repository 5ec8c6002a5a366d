-- What the analysis of one trace could not match (parameter 1: trace_id): waits and holds cut
-- by the trace's edges (their figures are lower bounds: counted up to the edge), lock events
-- without their partner (left out, as perf lock contention leaves them out) and events printed
-- out of time order. Only the rows with something in them.
SELECT what, n, ns, meaning FROM (
    SELECT 1 AS o, 'waits with no end' AS what, count(*) AS n, sum(duration_ns) AS ns,
           'begun and not ended by the end of the trace: counted up to it (at least this long)'
               AS meaning
    FROM waits WHERE trace_id = $1 AND cut_end
    UNION ALL
    SELECT 2, 'waits with no begin', count(*), sum(duration_ns),
           'ended, begun before the trace started: counted from its start'
    FROM waits WHERE trace_id = $1 AND cut_start
    UNION ALL
    SELECT 3, 'holds with no taking', count(*), sum(duration_ns),
           'let go, taken before the trace started: counted from its start'
    FROM holds WHERE trace_id = $1 AND cut_start
    UNION ALL
    SELECT 4, 'holds with no release', count(*), sum(duration_ns),
           'still held at the end of the trace: counted up to it'
    FROM holds WHERE trace_id = $1 AND end_evidence = 'trace end'
    UNION ALL
    SELECT 5, 'contention_end with no begin', value, NULL,
           'left out of the lock waits (perf''s "acquired" bad sequence)'
    FROM stats WHERE trace_id = $1 AND name = 'contention.bad_acquired'
    UNION ALL
    SELECT 6, 'contention_end with no row', value, NULL,
           'an end for a thread or lock with no wait open: left out, as perf does'
    FROM stats WHERE trace_id = $1 AND name = 'contention.ignored_ends'
    UNION ALL
    SELECT 7, 'nested contention_begin', value, NULL,
           'a begin inside an open wait of the same thread on the same lock: left out, as perf does'
    FROM stats WHERE trace_id = $1 AND name = 'contention.nested_begins'
    UNION ALL
    SELECT 8, 'events out of time order', value, NULL,
           'printed after a later event (less than a second): the analysis orders by time'
    FROM stats WHERE trace_id = $1 AND name = 'events_out_of_order'
)
WHERE n > 0
ORDER BY o
