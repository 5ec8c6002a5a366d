-- One row of a table: {parameters} is a ? per column, in the table's order.
INSERT INTO {table} VALUES ({parameters})
