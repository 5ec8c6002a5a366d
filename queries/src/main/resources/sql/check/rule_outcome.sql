-- The outcome of one rule on one trace, computed where the rows are: the rule's own query
-- (with $1 the trace id) numbered in its order; its largest value and how many values
-- pass the threshold ($2), with the first $3 of those, the largest first (ties in the rule's
-- order): one row each, or one row with a NULL value when none passes. A rule of a million
-- rows costs no more memory than one of ten.
WITH numbered AS (
    SELECT value, evidence, row_number() OVER () AS n FROM (/*rule*/)
), top AS (
    SELECT value, evidence, n FROM numbered WHERE value > $2 ORDER BY value DESC, n LIMIT $3
)
SELECT t.value::DOUBLE AS value, t.evidence, s.worst, s.failures
FROM (SELECT max(value)::DOUBLE AS worst, count(*) FILTER (WHERE value > $2) AS failures
      FROM numbered) s
LEFT JOIN top t ON true
ORDER BY t.value DESC, t.n
