-- The waits on futex words (user-space locks) of one trace, in the order they began: each
-- futex call that sleeps ({roles}: futex-ops.tsv as a VALUES list of op, role; the wait and
-- lock roles) from its enter to its exit, read from the syscalls (the lock replay finds the
-- same waits, but contention by caller and by thread need not wait for it), with the name
-- the lock tables give the word when they are derived, and what perf lock contention's
-- filters look at ($1 trace; $2 only threads of this process, $3 only this thread, NULL: all;
-- $4, $5 only waits begun from, to this time, ns, NULL: open). A wait the trace ends in is
-- cut_end (counted, no time); an exit without its enter is left out, as perf leaves out an
-- end without a begin.
WITH roles(op, role) AS (VALUES {roles}),
calls AS (
    SELECT s.tid, s.comm, s.ts, s.seq, s.phase, s.args['uaddr'] AS uaddr,
           s.args['op'] & 127 AS op,
           s.stack_id, lead(s.phase) OVER w AS next_phase, lead(s.ts) OVER w AS next_ts
    FROM syscalls s
    WHERE s.trace_id = $1 AND s.name = 'futex'
    WINDOW w AS (PARTITION BY s.tid ORDER BY s.ts, s.seq)
), named AS (
    SELECT lock_addr, min(name) AS name
    FROM locks WHERE trace_id = $1 AND kind IN ('futex lock', 'futex')
    GROUP BY lock_addr
)
SELECT c.tid, c.comm, printf('0x%x', c.uaddr) AS lock_addr, n.name,
       CASE WHEN c.next_phase = 'exit' THEN c.next_ts - c.ts END AS duration_ns,
       c.next_phase IS DISTINCT FROM 'exit' AS cut_end, coalesce(c.stack_id, -1) AS stack_id
FROM calls c
JOIN roles r ON r.op = c.op AND r.role IN ('wait', 'lock')
LEFT JOIN named n ON n.lock_addr = printf('0x%x', c.uaddr)
WHERE c.phase = 'enter' AND c.uaddr IS NOT NULL
  AND (CAST($2 AS INTEGER) IS NULL
       OR c.tid IN (SELECT tid FROM threads WHERE trace_id = $1 AND pid = CAST($2 AS INTEGER)))
  AND (CAST($3 AS INTEGER) IS NULL OR c.tid = CAST($3 AS INTEGER))
  AND (CAST($4 AS BIGINT) IS NULL OR c.ts >= CAST($4 AS BIGINT))
  AND (CAST($5 AS BIGINT) IS NULL OR c.ts <= CAST($5 AS BIGINT))
ORDER BY c.ts, c.seq
