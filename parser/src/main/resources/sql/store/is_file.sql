-- Whether the database is a file (an in-memory database has no path).
SELECT path IS NOT NULL FROM duckdb_databases() WHERE database_name = current_database()
