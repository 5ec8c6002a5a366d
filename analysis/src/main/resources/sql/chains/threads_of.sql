-- The threads of a trace ($1) that belong to a process ($2) or are one thread ($3).
SELECT tid FROM threads WHERE trace_id = $1 AND (pid = $2 OR tid = $3)
