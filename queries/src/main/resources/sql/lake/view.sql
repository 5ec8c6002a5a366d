-- A lake's table as a view: {sources} (view_loose.sql, view_bundles.sql joined by UNION ALL
-- BY NAME) filtered by {where} on the folder columns, so that only the folders it names are
-- read. {columns}: the table's own but trace_id, in its order.
CREATE OR REPLACE VIEW {table} AS
SELECT {columns}, date, host, trace_id FROM ({sources})
{where}
