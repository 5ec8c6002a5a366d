-- DuckDB on one thread (a setting of the whole database): while Java hands it rows, the
-- inserting thread does the work instead of spinning while a worker does it.
SET threads = 1
