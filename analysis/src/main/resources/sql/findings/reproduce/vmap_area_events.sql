-- The vmap area events of a trace ($1) by name.
-- Shown with a finding, its parameters written in (ReproductionQuery).
SELECT event, count(*)
FROM events
WHERE trace_id = $1 AND event LIKE '%vmap_area%'
GROUP BY 1
