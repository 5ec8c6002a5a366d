-- The on-CPU samples of each hold's thread inside the hold, of one trace ($1).
SELECT h.hold_id, s.stack_id, s.period
FROM holds h
JOIN samples s ON s.trace_id = h.trace_id AND s.tid = h.tid
    AND s.ts >= h.begin_ts AND s.ts < h.end_ts
WHERE h.trace_id = $1 AND s.stack_id IS NOT NULL
ORDER BY h.hold_id
