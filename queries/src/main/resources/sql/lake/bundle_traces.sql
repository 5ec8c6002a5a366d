-- A table's file of a bundle ({file}: a quoted path), trace_id one of its columns.
SELECT * FROM read_parquet({file}, hive_partitioning = false)
