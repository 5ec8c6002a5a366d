-- Whether a derivation of a trace is kept from the running version ($1 trace, $2 unit,
-- $3 tool version).
SELECT count(*) > 0 FROM derivations WHERE trace_id = $1 AND unit = $2 AND tool_version = $3
