-- A lake's table while the lake holds no trace: no rows, the columns and types of one that
-- does ({columns}: NULL cast to each column's type).
CREATE OR REPLACE VIEW {table} AS
SELECT {columns}, NULL::DATE AS date, NULL::VARCHAR AS host, NULL::VARCHAR AS trace_id
WHERE false
