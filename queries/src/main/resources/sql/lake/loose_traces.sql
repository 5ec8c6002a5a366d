-- The files of a table of loose traces ({files}: a list of quoted paths), their trace_id from
-- the folder name.
SELECT * EXCLUDE (date, host) FROM read_parquet({files}, hive_partitioning = true,
    hive_types_autocast = false, hive_types = {'date': DATE, 'host': VARCHAR, 'trace_id': VARCHAR})
