-- Thread id to name for one trace (parameter 1: trace_id).
SELECT tid, comm FROM threads WHERE trace_id = ?
