-- One trace's rows of a table to a Parquet file of a lake: the trace is the folder, so the
-- file holds every column but trace_id ({trace} is an integer, {target} a quoted literal).
COPY (SELECT * EXCLUDE (trace_id) FROM {table} WHERE trace_id = {trace})
TO {target} (FORMAT parquet, COMPRESSION zstd)
