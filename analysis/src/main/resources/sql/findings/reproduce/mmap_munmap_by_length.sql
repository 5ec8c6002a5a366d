-- The mmap and munmap calls of a trace ($1) by length.
-- Shown with a finding, its parameters written in (ReproductionQuery).
SELECT name, args['len'] AS len, count(*) AS calls
FROM syscalls
WHERE trace_id = $1 AND phase = 'enter' AND name IN ('mmap', 'munmap')
GROUP BY ALL
ORDER BY calls DESC
