-- One trace's file of a lake table into the database's table, as trace {trace} ({file}: a
-- quoted literal; its folder names are not columns here).
INSERT INTO {table} BY NAME
SELECT {trace} AS trace_id, * FROM read_parquet({file}, hive_partitioning = false)
