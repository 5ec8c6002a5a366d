-- The table's documentation, so that duckdb_tables() shows it; {doc} is a quoted literal.
COMMENT ON TABLE {table} IS {doc}
