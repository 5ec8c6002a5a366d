-- A table of tables.tsv: {columns} is its columns, each "name TYPE", in order.
CREATE TABLE IF NOT EXISTS {table} ({columns})
