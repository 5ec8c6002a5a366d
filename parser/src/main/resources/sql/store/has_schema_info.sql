-- Whether the database has the table that records its schema version.
SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_info' AND schema_name = 'main'
