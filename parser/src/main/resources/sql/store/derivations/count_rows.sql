-- A trace's rows of one output of a derivation ($1 trace).
SELECT count(*) FROM {table} WHERE trace_id = $1
