-- The name of each thread of a trace ($1).
SELECT tid, comm FROM threads WHERE trace_id = $1
