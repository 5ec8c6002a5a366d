-- rule: mmap-lock-hold
-- description: An mmap_lock hold this long stalled page faults, mmap, munmap or mprotect of other threads of the process (docs/design.md scenario 2); a hold nobody waited for is left out.
-- severity: error
-- threshold: 50 ms
-- One row per hold of a process's mmap_lock that other threads waited behind: value is how
-- long it was held. A long hold that made nobody wait (a single-threaded populate) costs no
-- one anything and fails no build: stress-ng --vm holds it 50 ms for read that way.
SELECT h.duration_ns AS value,
       format('{} {} held mmap_lock for {} {} ms ({} ... {} ns), {} waits blamed on it',
              coalesce(t.comm, '?'), h.tid, coalesce(h.mode, 'unknown mode'),
              round(h.duration_ns / 1e6, 2), h.begin_ts, h.end_ts,
              coalesce(b.waits, 0)) AS evidence
FROM holds h
JOIN locks l ON l.trace_id = h.trace_id AND l.lock_id = h.lock_id AND l.name = 'mmap_lock'
LEFT JOIN threads t ON t.trace_id = h.trace_id AND t.tid = h.tid
JOIN (SELECT hold_id, count(DISTINCT wait_id) AS waits FROM blame
      WHERE trace_id = $trace_id AND hold_id IS NOT NULL AND blocker_tid <> waiter_tid
      GROUP BY 1) b ON b.hold_id = h.hold_id
WHERE h.trace_id = $trace_id
ORDER BY value DESC
