-- The id the next trace ingested gets: one more than the largest so far, from 1.
SELECT coalesce(max(trace_id), 0) + 1 FROM traces
