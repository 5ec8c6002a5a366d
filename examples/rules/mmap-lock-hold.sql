-- rule: mmap-lock-hold
-- description: Our service must not hold mmap_lock for more than 20 ms (replaces the built-in rule of the same name, threshold 50 ms).
-- severity: error
-- threshold: 20 ms
SELECT h.duration_ns AS value,
       format('tid {} held mmap_lock ({}) for {} ms', h.tid, h.mode,
              round(h.duration_ns / 1e6, 2)) AS evidence
FROM holds h
JOIN locks l ON l.trace_id = h.trace_id AND l.lock_id = h.lock_id AND l.name = 'mmap_lock'
WHERE h.trace_id = $trace_id
