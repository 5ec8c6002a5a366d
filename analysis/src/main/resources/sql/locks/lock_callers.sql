-- How often each call stack began a wait on each contended address of one trace ($1).
SELECT lock_addr, stack_id, count(*) AS n
FROM lock_contention
WHERE trace_id = $1 AND phase = 'begin' AND stack_id IS NOT NULL
GROUP BY lock_addr, stack_id
