-- What a trace ($1) was ingested from, as given.
SELECT source FROM traces WHERE trace_id = $1
