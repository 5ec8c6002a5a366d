-- The 20 longest lock holds of a trace ($1), with their holder, what it spent the hold on
-- and the waiting blamed on it.
SELECT h.hold_id, coalesce(l.name, l.lock_addr) AS lock, h.tid, t.comm, h.mode,
       h.duration_ns, h.end_evidence,
       (SELECT arg_max(c.cause, c.ns) FROM hold_causes c
        WHERE c.trace_id = h.trace_id AND c.hold_id = h.hold_id) AS cause,
       (SELECT coalesce(sum(b.blamed_ns), 0) FROM blame b WHERE b.trace_id = h.trace_id
        AND b.hold_id = h.hold_id) AS blamed_ns
FROM holds h
JOIN locks l ON l.trace_id = h.trace_id AND l.lock_id = h.lock_id
LEFT JOIN threads t ON t.trace_id = h.trace_id AND t.tid = h.tid
WHERE h.trace_id = $1
ORDER BY h.duration_ns DESC LIMIT 20
