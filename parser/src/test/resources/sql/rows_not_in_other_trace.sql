-- Rows of one event table ({table}) of trace $1 that trace $2 does not have (as a multiset),
-- each event with its whole stack as text instead of its stack id; position columns (seq,
-- line) left out: a binary capture has byte offsets where text has line numbers.
WITH stacks AS (
    SELECT trace_id, stack_id,
           string_agg(coalesce(symbol, '?') || '+' || symbol_offset || '@' || ip || '('
                      || coalesce(module, '-') || ')', ';' ORDER BY depth) AS frames
    FROM stack_frames GROUP BY ALL
), a AS (
    SELECT e.* EXCLUDE (trace_id, seq, line, stack_id), s.frames
    FROM {table} e LEFT JOIN stacks s USING (trace_id, stack_id) WHERE e.trace_id = $1
), b AS (
    SELECT e.* EXCLUDE (trace_id, seq, line, stack_id), s.frames
    FROM {table} e LEFT JOIN stacks s USING (trace_id, stack_id) WHERE e.trace_id = $2
)
SELECT * FROM a EXCEPT ALL SELECT * FROM b
