-- The outcome of one rule on one trace, computed where the rows are: the rule's own query
-- (with $trace_id the trace) numbered in its order; its largest value and how many values
-- pass the $threshold, with the first $shown of those, the largest first (ties in the rule's
-- order): one row each, or one row with a NULL value when none passes. A rule of a million
-- rows costs no more memory than one of ten. Parameters are bound by name
-- (NamedParameters), so a rule cannot reach the threshold or the count by a number.
WITH numbered AS (
    SELECT value, evidence, row_number() OVER () AS n FROM (/*rule*/)
), top AS (
    SELECT value, evidence, n FROM numbered WHERE value > $threshold ORDER BY value DESC, n LIMIT $shown
)
SELECT t.value::DOUBLE AS value, t.evidence, s.worst, s.failures
FROM (SELECT max(value)::DOUBLE AS worst, count(*) FILTER (WHERE value > $threshold) AS failures
      FROM numbered) s
LEFT JOIN top t ON true
ORDER BY t.value DESC, t.n
