-- Every hold of one trace ($1) with the causes of its time (hold_causes), in order of begin,
-- a hold's rows together.
SELECT h.tid, h.lock_id, h.begin_ts, h.end_ts, h.duration_ns, c.cause, c.ns, h.hold_id
FROM holds h
JOIN hold_causes c ON c.trace_id = h.trace_id AND c.hold_id = h.hold_id
WHERE h.trace_id = $1
ORDER BY h.begin_ts, h.hold_id, c.rowid
