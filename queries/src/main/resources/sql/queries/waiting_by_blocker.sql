-- Who made whom wait in a trace ($1): waiting per waiter and the thread it waited for, with
-- the relation (holder, queued ahead, handoff) and what the blocker was doing.
SELECT b.waiter_tid, b.blocker_tid, b.relation, b.blocker_state,
       coalesce(l.name, l.lock_addr) AS lock, sum(b.blamed_ns) AS blamed_ns
FROM blame b JOIN locks l ON l.trace_id = b.trace_id AND l.lock_id = b.lock_id
WHERE b.trace_id = $1
GROUP BY ALL ORDER BY blamed_ns DESC
