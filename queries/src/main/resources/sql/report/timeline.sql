-- The timeline of a trace ($1) for the HTML report: the threads with the most lock waiting
-- (at most $2), and their states, waits and holds as (begin, end, what) relative to the
-- trace's start. kind: state, wait, hold.
WITH t0 AS (SELECT first_ts FROM traces WHERE trace_id = $1),
top AS (
    SELECT h.tid, h.comm,
           (SELECT arg_max(prio, end_ts) FROM thread_states s WHERE s.trace_id = $1
               AND s.tid = h.tid) AS prio,
           coalesce((SELECT sum(duration_ns) FROM waits w WHERE w.trace_id = $1
               AND w.tid = h.tid), 0) + coalesce((SELECT sum(duration_ns) FROM holds o
               WHERE o.trace_id = $1 AND o.tid = h.tid), 0) AS weight
    FROM threads h WHERE h.trace_id = $1
    ORDER BY weight DESC, h.tid LIMIT $2
)
SELECT top.tid, top.comm, top.prio, x.kind, x.b - t0.first_ts AS b, x.e - t0.first_ts AS e, x.what
FROM top, t0, (
    SELECT tid, 'state' AS kind, begin_ts AS b, end_ts AS e, state AS what
    FROM thread_states WHERE trace_id = $1
    UNION ALL
    SELECT w.tid, 'wait', w.begin_ts, w.end_ts, coalesce(l.name, l.lock_addr) || ' ' || w.mode
    FROM waits w JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
    WHERE w.trace_id = $1
    UNION ALL
    SELECT h.tid, 'hold', h.begin_ts, h.end_ts,
           coalesce(l.name, l.lock_addr) || ' ' || coalesce(h.mode, '?')
    FROM holds h JOIN locks l ON l.trace_id = h.trace_id AND l.lock_id = h.lock_id
    WHERE h.trace_id = $1
) x
WHERE x.tid = top.tid
ORDER BY top.weight DESC, top.tid, x.kind, x.b
