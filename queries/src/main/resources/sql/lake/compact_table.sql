-- A table's rows of a day's and host's traces into one file of a bundle, ordered by trace:
-- {sources} (loose_traces.sql and bundle_traces.sql parts joined by UNION ALL BY NAME) less
-- the traces {dropped} (quoted ids; '' for none); {columns}: the table's own, in its order.
COPY (SELECT {columns} FROM ({sources}) WHERE trace_id NOT IN ({dropped}) ORDER BY trace_id)
TO {target} (FORMAT parquet, COMPRESSION zstd)
