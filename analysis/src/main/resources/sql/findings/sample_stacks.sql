-- The distinct stacks of a trace's ($1) on-CPU samples with the samples and period each has,
-- then their frames: first rows (stack_id, samples, period) in a result of their own.
SELECT stack_id, count(*) AS samples, sum(period)::BIGINT AS period
FROM samples WHERE trace_id = $1 AND stack_id IS NOT NULL GROUP BY 1
