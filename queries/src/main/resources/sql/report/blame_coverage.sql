-- How much of one trace's ($1) lock wait time the lock models explain, per lock name: with a
-- known blocker (holder, writer queued ahead, or handoff), with a holder directly, and with
-- a holder whose hold the trace shows exactly (both its ends); the rest of the holder time is
-- bounded by the lock model (a handoff to the next waiter); without a known blocker, unknown.
SELECT coalesce(l.name, 'other locks') AS lock,
       sum(b.blamed_ns)::BIGINT AS wait_ns,
       (sum(b.blamed_ns) FILTER (WHERE b.blocker_tid IS NOT NULL))::BIGINT AS known_ns,
       (sum(b.blamed_ns) FILTER (WHERE b.relation = 'holder'))::BIGINT AS holder_ns,
       (sum(b.blamed_ns) FILTER (WHERE b.relation = 'holder' AND h.exact))::BIGINT
           AS exact_holder_ns
FROM blame b JOIN locks l ON l.trace_id = b.trace_id AND l.lock_id = b.lock_id
LEFT JOIN holds h ON h.trace_id = b.trace_id AND h.hold_id = b.hold_id
WHERE b.trace_id = $1
GROUP BY ALL
ORDER BY wait_ns DESC
