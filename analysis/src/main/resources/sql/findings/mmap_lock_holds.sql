-- The holds of the mmap_locks of a trace ($1), each with what its holder was doing when it
-- took the lock (the syscall it was in, with the length, flags and advice it was given), the
-- write part of a munmap or mmap that downgraded to this read hold, how long the holder ran
-- on a CPU during the hold (none when it ran in no interval of the hold: its states go on from
-- its first event, so a thread with states was off CPU; the whole hold for a thread the trace
-- shows no state of), and the waits blamed on the hold, one row per wait (none: one row
-- with NULL wait_id). A downgraded write part is folded into the read hold that follows it
-- as its length: the waiting in it is blamed on the write hold (the replay ends a blame piece
-- at the downgrade), the part that stays under the lock in two phases.
-- The texts' hashes let the reader take each distinct text once.
-- Every join has a key: blame rows name their hold (blame.hold_id), and a thread's states do
-- not overlap, so its running time before an instant is one ASOF match (the work grows with
-- rows, not with rows x rows).
WITH h AS (
    SELECT h.trace_id, h.hold_id, h.lock_id, h.tid, h.mode, h.begin_ts, h.end_ts,
           h.duration_ns, h.end_evidence
    FROM holds h
    JOIN locks l ON l.trace_id = h.trace_id AND l.lock_id = h.lock_id AND l.name = 'mmap_lock'
    WHERE h.trace_id = $1
), blamed AS (
    SELECT hold_id, wait_id, sum(blamed_ns)::BIGINT AS blamed_ns
    FROM blame WHERE trace_id = $1 AND hold_id IS NOT NULL
    GROUP BY ALL
), run AS ( -- each running interval with the thread's running time before it
    SELECT tid, begin_ts, end_ts,
           sum(end_ts - begin_ts) OVER (PARTITION BY tid ORDER BY begin_ts
                                        ROWS UNBOUNDED PRECEDING) - (end_ts - begin_ts) AS before_ns
    FROM thread_states WHERE trace_id = $1 AND state = 'running'
), ran_to_end AS ( -- running time before the hold's end, when a running interval overlaps it
    SELECT h.hold_id, h.begin_ts, h.tid,
           r.before_ns + least(h.end_ts - r.begin_ts, r.end_ts - r.begin_ts) AS ns
    FROM h ASOF JOIN run r ON r.tid = h.tid AND r.begin_ts < h.end_ts
    WHERE r.end_ts > h.begin_ts
), ran AS (
    SELECT e.hold_id, (e.ns - coalesce(r.before_ns
               + least(greatest(e.begin_ts - r.begin_ts, 0), r.end_ts - r.begin_ts), 0))::BIGINT
               AS running_ns
    FROM ran_to_end e ASOF LEFT JOIN run r ON r.tid = e.tid AND r.begin_ts <= e.begin_ts
), cause AS (
    SELECT hold_id, arg_max(cause, ns) AS cause
    FROM hold_causes WHERE trace_id = $1 AND cause IS NOT NULL GROUP BY 1
)
SELECT h.hold_id, h.tid, t.comm, h.mode, h.begin_ts, h.duration_ns,
       CASE WHEN s.phase = 'enter' THEN s.name END AS syscall,
       CASE WHEN s.phase = 'enter' THEN coalesce(s.args['len'], s.args['len_in']) END AS len,
       CASE WHEN s.phase = 'enter' THEN coalesce(s.args['flags'], 0) END AS flags,
       CASE WHEN s.phase = 'enter' THEN s.args['behavior'] END AS advice,
       c.cause, w.duration_ns AS write_part_ns,
       coalesce(r.running_ns, CASE WHEN k.tid IS NOT NULL THEN 0 END, h.duration_ns)
           AS running_ns, b.wait_id, b.blamed_ns,
       (hash(t.comm) >> 1)::BIGINT AS comm_hash, (hash(syscall) >> 1)::BIGINT AS syscall_hash,
       (hash(c.cause) >> 1)::BIGINT AS cause_hash
FROM h
ASOF LEFT JOIN (SELECT * FROM syscalls WHERE trace_id = $1) s
    ON s.tid = h.tid AND s.ts <= h.begin_ts
LEFT JOIN h w ON w.tid = h.tid AND w.lock_id = h.lock_id AND w.end_evidence = 'downgraded'
    AND w.end_ts = h.begin_ts
LEFT JOIN cause c ON c.hold_id = h.hold_id
LEFT JOIN ran r ON r.hold_id = h.hold_id
LEFT JOIN (SELECT DISTINCT tid FROM thread_states WHERE trace_id = $1) k ON k.tid = h.tid
LEFT JOIN (SELECT tid, comm FROM threads WHERE trace_id = $1) t ON t.tid = h.tid
LEFT JOIN blamed b ON b.hold_id = h.hold_id
WHERE h.end_evidence IS DISTINCT FROM 'downgraded'
ORDER BY h.hold_id, b.wait_id
