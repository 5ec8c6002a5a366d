-- The futex calls of one trace ($1) the replay follows, in time order with ties in input
-- order: each enter of an operation futex-ops.tsv gives a role ({roles}: a VALUES list of op,
-- role), with its exit's return value and time (NULL when the trace ends first), the process
-- whose futex word it is (private futexes are per process: a word is its process and its
-- address) and, for a wait that returned 0, the thread that woke it: the one whose
-- sched_waking of the waiter came last before the exit, else (a capture without wakeups) the
-- one whose wake on the same word came last.
WITH roles(op, role) AS (VALUES {roles}),
calls AS (
    SELECT s.tid, s.ts, s.seq, s.phase, s.args['uaddr'] AS uaddr, s.args['op'] & 127 AS op,
           s.ret, s.stack_id,
           lead(s.phase) OVER w AS next_phase, lead(s.ts) OVER w AS next_ts,
           lead(s.ret) OVER w AS next_ret
    FROM syscalls s
    WHERE s.trace_id = $1 AND s.name = 'futex'
    WINDOW w AS (PARTITION BY s.tid ORDER BY s.ts, s.seq)
), enters AS (
    SELECT c.tid, coalesce(t.pid, 0) AS pid, c.ts, c.seq, r.role, c.uaddr, c.stack_id,
           CASE WHEN c.next_phase = 'exit' THEN c.next_ts END AS end_ts,
           CASE WHEN c.next_phase = 'exit' THEN c.next_ret END AS ret
    FROM calls c
    JOIN roles r USING (op)
    LEFT JOIN threads t ON t.trace_id = $1 AND t.tid = c.tid
    WHERE c.phase = 'enter' AND c.uaddr IS NOT NULL
), wakeups AS (
    SELECT target_tid, ts, tid AS waker FROM sched_wakeup
    WHERE trace_id = $1 AND event NOT LIKE '%wakeup_new'
), wakes AS (
    SELECT pid, uaddr, ts, tid AS waker FROM enters WHERE role IN ('wake', 'unlock')
), woken AS (
    SELECT e.tid, e.ts, w.waker, w.ts AS wake_ts
    FROM enters e ASOF JOIN wakeups w ON w.target_tid = e.tid AND w.ts <= e.end_ts
    WHERE e.role IN ('wait', 'lock') AND e.ret = 0 AND w.ts >= e.ts
), called AS (
    SELECT e.tid, e.ts, k.waker, k.ts AS wake_ts
    FROM enters e ASOF JOIN wakes k ON k.pid = e.pid AND k.uaddr = e.uaddr AND k.ts <= e.end_ts
    WHERE e.role IN ('wait', 'lock') AND e.ret = 0 AND k.ts >= e.ts AND k.waker <> e.tid
)
SELECT e.tid, e.pid, e.ts, e.role, printf('0x%x', e.uaddr) AS uaddr, e.end_ts, e.ret,
       e.stack_id, coalesce(w.waker, c.waker) AS waker,
       CASE WHEN w.waker IS NOT NULL THEN w.wake_ts ELSE c.wake_ts END AS wake_ts
FROM enters e
LEFT JOIN woken w USING (tid, ts)
LEFT JOIN called c USING (tid, ts)
ORDER BY e.ts, e.seq
