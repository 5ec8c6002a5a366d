-- A table's files of the bundles ({glob}: a quoted literal): trace_id is a column of the
-- files, the folders give date and host (the bundle's name is no column).
SELECT * EXCLUDE (bundle) FROM read_parquet({glob}, hive_partitioning = true,
    hive_types_autocast = false, hive_types = {'date': DATE, 'host': VARCHAR, 'bundle': VARCHAR})
