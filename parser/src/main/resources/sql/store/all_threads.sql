-- DuckDB back on as many threads as the machine has cores (its default; ptrace-analyze sets
-- no other number).
RESET threads
