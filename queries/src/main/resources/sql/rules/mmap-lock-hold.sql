-- rule: mmap-lock-hold
-- description: An mmap_lock hold this long stalls every page fault, mmap, munmap and mprotect of the process that needs the lock (docs/design.md scenario 2).
-- severity: error
-- threshold: 50 ms
-- One row per hold of a process's mmap_lock: value is how long it was held.
SELECT h.duration_ns AS value,
       format('{} {} held mmap_lock for {} {} ms ({} ... {} ns), {} waits blamed on it',
              coalesce(t.comm, '?'), h.tid, coalesce(h.mode, 'unknown mode'),
              round(h.duration_ns / 1e6, 2), h.begin_ts, h.end_ts,
              coalesce(b.waits, 0)) AS evidence
FROM holds h
JOIN locks l ON l.trace_id = h.trace_id AND l.lock_id = h.lock_id AND l.name = 'mmap_lock'
LEFT JOIN threads t ON t.trace_id = h.trace_id AND t.tid = h.tid
LEFT JOIN (SELECT hold_id, count(DISTINCT wait_id) AS waits FROM blame
           WHERE trace_id = $1 AND hold_id IS NOT NULL GROUP BY 1) b ON b.hold_id = h.hold_id
WHERE h.trace_id = $1
ORDER BY value DESC
