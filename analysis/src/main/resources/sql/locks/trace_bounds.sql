-- The first and last timestamps of a trace ($1).
SELECT first_ts, last_ts FROM traces WHERE trace_id = $1
