-- The page tables of a process ($2) of a trace ($1) whose locks were waited for the longest,
-- with the threads that waited on each.
-- Shown with a finding, its parameters written in (ReproductionQuery).
SELECT lock_id, lock_addr, count(*) AS waits, sum(duration_ns) AS ns,
       count(DISTINCT tid) AS threads, string_agg(DISTINCT tid::VARCHAR, ' ') AS tids
FROM page_table_waits($1)
WHERE pid = $2
GROUP BY ALL ORDER BY ns DESC LIMIT 20
