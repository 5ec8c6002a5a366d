-- Rows gathered column by column (BulkRows), read back through its table function; a
-- MAP column travels as JSON text ({columns}: the columns, maps cast by map_from_json.sql).
INSERT INTO {table} SELECT {columns} FROM {function}()
