-- One trace's rows of a bundle's file of a table ({file}: a quoted literal) into the
-- database's table, as trace {trace}; {id}: its id, quoted.
INSERT INTO {table} BY NAME
SELECT * REPLACE ({trace} AS trace_id) FROM read_parquet({file}, hive_partitioning = false)
WHERE trace_id = {id}
