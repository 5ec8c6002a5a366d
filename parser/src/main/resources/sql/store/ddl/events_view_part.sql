SELECT {columns}, '{table}' AS table_name FROM {table}
