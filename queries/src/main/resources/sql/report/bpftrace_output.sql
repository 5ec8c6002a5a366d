-- What a bpftrace output holds besides events (parameter 1: trace_id): its maps with their
-- entries and buckets, and its text lines by kind.
SELECT 'map ' || map AS what, count(*) AS n FROM bpftrace_maps WHERE trace_id = $1 GROUP BY map
UNION ALL
SELECT 'histogram ' || map, count(*) FROM bpftrace_histograms WHERE trace_id = $1 GROUP BY map
UNION ALL
SELECT 'text lines: ' || kind, count(*) FROM text_lines WHERE trace_id = $1 GROUP BY kind
ORDER BY what
