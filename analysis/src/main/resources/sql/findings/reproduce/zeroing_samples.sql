-- The on-CPU samples of a trace ($1) in the kernel's page zeroing (clear_*page*), by thread.
-- Shown with a finding, its parameters written in (ReproductionQuery).
SELECT s.tid, count(*) AS samples, sum(s.period) AS period
FROM samples s
WHERE s.trace_id = $1
  AND EXISTS (SELECT 1 FROM stack_frames f
              WHERE f.trace_id = s.trace_id AND f.stack_id = s.stack_id AND f.symbol LIKE 'clear_%page%')
GROUP BY 1
ORDER BY period DESC
