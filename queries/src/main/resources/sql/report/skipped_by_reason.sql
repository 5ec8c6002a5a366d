-- Skipped lines of one trace by reason (parameter 1: trace_id), with the first example.
SELECT s.name, s.value, s.description,
       (SELECT min(p.line) FROM ingest_problems p
        WHERE p.trace_id = s.trace_id AND 'skipped.' || p.reason = s.name) AS first_line
FROM stats s
WHERE s.trace_id = ? AND s.name LIKE 'skipped.%'
ORDER BY s.value DESC, s.name
