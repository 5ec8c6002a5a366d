-- A temporary copy of a stored table: unqualified names find temporary tables first, so the
-- connection reads and writes the copy (rows a read-only database cannot keep).
CREATE TEMP TABLE {table} AS SELECT * FROM main.{table}
