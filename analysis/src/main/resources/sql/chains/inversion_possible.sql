-- Whether any chain of trace $1 can be an inversion: a waiter (a thread in waits) ran at a
-- better (lower) priority than a thread it could have waited for at the root of a chain (a
-- waiter or a blocker in blame). Any priority a thread had at any time counts, so a false
-- here means no chain of the trace is an inversion.
SELECT coalesce(
    (SELECT min(prio) FROM thread_states
     WHERE trace_id = $1 AND tid IN (SELECT tid FROM waits WHERE trace_id = $1))
  < (SELECT max(prio) FROM thread_states
     WHERE trace_id = $1 AND tid IN (SELECT tid FROM waits WHERE trace_id = $1
                                     UNION SELECT blocker_tid FROM blame WHERE trace_id = $1)),
    false)
