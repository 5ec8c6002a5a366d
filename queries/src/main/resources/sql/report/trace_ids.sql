-- The traces of the database, oldest first.
SELECT trace_id FROM traces ORDER BY trace_id
