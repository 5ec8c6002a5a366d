-- A stored trace named by its id, its source as ingested, or the first digits of its content
-- hash ($1, as a lake names it): an exact id or source first, then the oldest.
SELECT trace_id FROM traces
WHERE CAST(trace_id AS VARCHAR) = $1 OR source = $1 OR starts_with(content_hash, $1)
ORDER BY CAST(trace_id AS VARCHAR) = $1 DESC, source = $1 DESC, trace_id
