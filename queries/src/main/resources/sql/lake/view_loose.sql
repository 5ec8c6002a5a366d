-- A table's files of the loose traces ({glob}: a quoted literal): the folder names are the
-- columns date, host and trace_id, typed here and never inferred.
SELECT * FROM read_parquet({glob}, hive_partitioning = true, hive_types_autocast = false,
                           hive_types = {'date': DATE, 'host': VARCHAR, 'trace_id': VARCHAR})
