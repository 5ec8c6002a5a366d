-- A trace's rows of one output of a derivation, before it runs again ($1 trace).
DELETE FROM {table} WHERE trace_id = $1
