-- How much of one trace's ($1) lock wait time the lock models explain, per lock name: with a
-- known blocker (holder, writer queued ahead, or handoff) and with a holder directly.
SELECT coalesce(l.name, 'other locks') AS lock,
       sum(b.blamed_ns)::BIGINT AS wait_ns,
       (sum(b.blamed_ns) FILTER (WHERE b.blocker_tid IS NOT NULL))::BIGINT AS known_ns,
       (sum(b.blamed_ns) FILTER (WHERE b.relation = 'holder'))::BIGINT AS holder_ns
FROM blame b JOIN locks l ON l.trace_id = b.trace_id AND l.lock_id = b.lock_id
WHERE b.trace_id = $1
GROUP BY ALL
ORDER BY wait_ns DESC
