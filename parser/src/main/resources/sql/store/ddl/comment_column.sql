-- A column's documentation, so that duckdb_columns() shows it; {doc} is a quoted literal.
COMMENT ON COLUMN {table}.{column} IS {doc}
