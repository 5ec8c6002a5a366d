-- Each hold of one trace ($1) with its duration and the syscall its thread was in when it
-- took the lock (its latest syscall event by then is an enter), else NULL, and the lock's
-- name; whether the trace records the syscalls that take mmap_lock (mmap and munmap seen):
-- without them a hold outside any known syscall may well be inside an unrecorded one (mmap
-- with MAP_POPULATE populates under the read lock); and the stack of the event that began the
-- hold (mmap_lock acquire_returned, or the contention_end of an inferred hold), if any.
SELECT h.hold_id, h.lock_id, h.tid, h.duration_ns,
       CASE WHEN s.phase = 'enter' THEN s.name END AS syscall, l.name,
       EXISTS (SELECT 1 FROM syscalls WHERE trace_id = $1 AND name = 'mmap')
           AND EXISTS (SELECT 1 FROM syscalls WHERE trace_id = $1 AND name = 'munmap')
           AS records_mm_syscalls,
       b.stack_id
FROM holds h
JOIN locks l ON l.trace_id = h.trace_id AND l.lock_id = h.lock_id
LEFT JOIN (SELECT tid, ts, max(stack_id) AS stack_id FROM (
               SELECT tid, ts, stack_id FROM mmap_lock
               WHERE trace_id = $1 AND phase = 'acquire_returned'
               UNION ALL
               SELECT tid, ts, stack_id FROM lock_contention
               WHERE trace_id = $1 AND phase = 'end')
           GROUP BY tid, ts) b ON b.tid = h.tid AND b.ts = h.begin_ts
ASOF LEFT JOIN (SELECT tid, ts, phase, name FROM syscalls WHERE trace_id = $1) s
    ON s.tid = h.tid AND s.ts <= h.begin_ts
WHERE h.trace_id = $1
ORDER BY h.hold_id
