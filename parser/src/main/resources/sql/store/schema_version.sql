-- The schema version the database was written with (none in a new database).
SELECT value FROM schema_info WHERE key = 'schema_version'
