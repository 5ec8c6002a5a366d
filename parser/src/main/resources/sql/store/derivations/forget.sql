-- A derivation of a trace forgotten before it runs again ($1 trace, $2 unit).
DELETE FROM derivations WHERE trace_id = $1 AND unit = $2
