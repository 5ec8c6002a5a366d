-- What a thread ($2) spent its holds of a lock ($3) on between $4 and $5 in a trace ($1):
-- the cause with the most time (hold_causes), else the syscall it took the lock in.
SELECT coalesce(arg_max(c.cause, c.ns) FILTER (WHERE c.cause IS NOT NULL),
                arg_max(s.name, h.duration_ns) FILTER (WHERE s.phase = 'enter'))
FROM holds h
LEFT JOIN hold_causes c ON c.trace_id = h.trace_id AND c.hold_id = h.hold_id
ASOF LEFT JOIN (SELECT * FROM syscalls WHERE trace_id = $1) s
    ON s.tid = h.tid AND s.ts <= h.begin_ts
WHERE h.trace_id = $1 AND h.tid = $2 AND h.lock_id = $3 AND h.begin_ts < $5 AND h.end_ts > $4
