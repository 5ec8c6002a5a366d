-- Each hold of one trace ($1) with the evidence of what its holder did: its duration, its
-- lock's name, the syscall its thread was in when it took the lock (its latest syscall event
-- by then is an enter), else NULL; whether the trace records the syscalls that take mmap_lock
-- (mmap and munmap seen): without them a hold outside any known syscall may well be inside
-- an unrecorded one (mmap with MAP_POPULATE populates under the read lock); the stack of the
-- event that began the hold (mmap_lock acquire_returned, or the contention_end of an inferred
-- hold), if any; and the holder's on-CPU samples inside the hold, a row per stack (first
-- sampled first) with their period and count, or one row with sample_stack NULL.
-- A thread's holds of one lock do not overlap: the hold a sample falls in is one ASOF match
-- per lock the thread ever holds.
WITH h AS (
    SELECT hold_id, lock_id, tid, begin_ts, end_ts, duration_ns
    FROM holds WHERE trace_id = $1
), held AS (
    SELECT DISTINCT tid, lock_id FROM h
), s AS (
    SELECT s.tid, held.lock_id, s.ts, s.seq, s.stack_id, s.period
    FROM samples s JOIN held ON held.tid = s.tid
    WHERE s.trace_id = $1 AND s.stack_id IS NOT NULL
), inside AS (
    SELECT h.hold_id, s.stack_id, sum(s.period)::BIGINT AS period, count(*) AS samples,
           min((s.ts, s.seq)) AS first
    FROM s ASOF JOIN (SELECT * FROM h WHERE end_ts > begin_ts) h
        ON h.tid = s.tid AND h.lock_id = s.lock_id AND h.begin_ts <= s.ts
    WHERE s.ts < h.end_ts
    GROUP BY 1, 2
), begins AS (
    SELECT tid, ts, max(stack_id) AS stack_id FROM (
        SELECT tid, ts, stack_id FROM mmap_lock
        WHERE trace_id = $1 AND phase = 'acquire_returned'
        UNION ALL
        SELECT tid, ts, stack_id FROM lock_contention
        WHERE trace_id = $1 AND phase = 'end')
    GROUP BY tid, ts
)
SELECT h.hold_id, h.lock_id, h.tid, h.duration_ns,
       CASE WHEN s.phase = 'enter' THEN s.name END AS syscall, l.name,
       EXISTS (SELECT 1 FROM syscalls WHERE trace_id = $1 AND name = 'mmap')
           AND EXISTS (SELECT 1 FROM syscalls WHERE trace_id = $1 AND name = 'munmap')
           AS records_mm_syscalls,
       b.stack_id, i.stack_id AS sample_stack, i.period, i.samples
FROM h
JOIN locks l ON l.trace_id = $1 AND l.lock_id = h.lock_id
LEFT JOIN begins b ON b.tid = h.tid AND b.ts = h.begin_ts
ASOF LEFT JOIN (SELECT tid, ts, phase, name FROM syscalls WHERE trace_id = $1) s
    ON s.tid = h.tid AND s.ts <= h.begin_ts
LEFT JOIN inside i ON i.hold_id = h.hold_id
ORDER BY h.hold_id, i.first
