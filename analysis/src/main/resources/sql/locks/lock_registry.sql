-- The locks of one trace ($1), first seen first: every contended address, with the mm its
-- rwsem waits belong to, and every mm of mmap_lock events that no contended address stands
-- for. A contention that begins (not spinning) while the thread's latest mmap_lock event is a
-- start_locking is a wait for that mm's mmap_lock: the lock's address is inside the mm, so
-- only this per-thread link ties the two.
WITH begins AS (
    SELECT tid, ts, lock_addr, flags
    FROM lock_contention WHERE trace_id = $1 AND phase = 'begin'
), mm_events AS (
    SELECT tid, ts, phase, mm FROM mmap_lock WHERE trace_id = $1
), linked AS (
    SELECT b.lock_addr, m.mm
    FROM begins b ASOF JOIN mm_events m ON m.tid = b.tid AND m.ts <= b.ts
    WHERE m.phase = 'start_locking' AND b.flags & 1 = 0 AND b.flags & 6 <> 0
), link AS (
    SELECT lock_addr, mode(mm) AS mm FROM linked GROUP BY lock_addr
), mm_pid AS (
    SELECT e.mm, mode(t.pid) AS pid
    FROM mm_events e JOIN threads t ON t.trace_id = $1 AND t.tid = e.tid
    GROUP BY e.mm
), found AS (
    SELECT b.lock_addr, l.mm, mode(b.flags) AS flags, min(b.ts) AS first_ts
    FROM begins b LEFT JOIN link l USING (lock_addr)
    GROUP BY b.lock_addr, l.mm
    UNION ALL
    SELECT NULL, mm, NULL, min(ts)
    FROM mm_events WHERE mm NOT IN (SELECT mm FROM link)
    GROUP BY mm
)
SELECT f.lock_addr, f.mm, f.flags, p.pid
FROM found f LEFT JOIN mm_pid p USING (mm)
ORDER BY f.first_ts, f.lock_addr, f.mm
