-- The longest mmap_lock holds of one thread ($2) of a trace ($1), with the waiting blamed on each.
-- Shown with a finding, its parameters written in (ReproductionQuery).
SELECT h.hold_id, h.tid, h.mode, h.duration_ns, h.end_evidence,
       (SELECT sum(blamed_ns) FROM blame b
        WHERE b.trace_id = h.trace_id AND b.hold_id = h.hold_id) AS blamed_ns
FROM holds h
JOIN locks l USING (trace_id, lock_id)
WHERE h.trace_id = $1 AND l.name = 'mmap_lock' AND h.tid = $2
ORDER BY h.duration_ns DESC LIMIT 20
