-- The lock:contention_begin/end events of one trace in time order, ties in input order: the
-- order perf lock contention processes them (perf script prints in that order; bpftrace
-- drains its per-CPU buffers one after another, so its output needs the sort). $1: trace_id;
-- $2: only threads of this process (NULL: all); $3: only this thread (NULL: all); $4, $5:
-- only events from, to this time (ns; NULL: open), as perf script --time.
SELECT tid, phase = 'begin' AS is_begin, lock_addr, coalesce(flags, 0) AS flags, ts,
       coalesce(stack_id, -1) AS stack_id
FROM lock_contention
WHERE trace_id = $1
  AND (CAST($2 AS INTEGER) IS NULL
       OR tid IN (SELECT tid FROM threads WHERE trace_id = $1 AND pid = CAST($2 AS INTEGER)))
  AND (CAST($3 AS INTEGER) IS NULL OR tid = CAST($3 AS INTEGER))
  AND (CAST($4 AS BIGINT) IS NULL OR ts >= CAST($4 AS BIGINT))
  AND (CAST($5 AS BIGINT) IS NULL OR ts <= CAST($5 AS BIGINT))
ORDER BY ts, seq
