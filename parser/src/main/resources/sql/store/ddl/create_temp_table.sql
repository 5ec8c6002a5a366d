-- An analysis table (findings, inversions), kept only by the connection that computed it.
CREATE TEMP TABLE IF NOT EXISTS {table} ({columns})
