-- The findings by scenario, the largest total predicted saving first: the sum over the
-- traces of what the findings command says of each.
SELECT scenario, count(*) AS findings, count(DISTINCT trace_id) AS traces,
       CAST(sum(saved_ns) AS BIGINT) AS saved_ns, max(saved_ns) AS max_saved_ns
FROM findings
GROUP BY scenario
ORDER BY saved_ns DESC, scenario
