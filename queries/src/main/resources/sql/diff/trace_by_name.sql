-- A stored trace named by its id or by its source as ingested ($1), the oldest first.
SELECT trace_id FROM traces WHERE CAST(trace_id AS VARCHAR) = $1 OR source = $1
ORDER BY trace_id
