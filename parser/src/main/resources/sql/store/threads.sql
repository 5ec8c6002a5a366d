-- One row per thread of the trace being ingested (parameter 1: trace_id), from every event.
INSERT INTO threads
SELECT trace_id, tid, max(pid) AS pid, arg_max(comm, seq) AS comm,
       min(ts) AS first_ts, max(ts) AS last_ts, count(*) AS events
FROM events
WHERE trace_id = ?
GROUP BY trace_id, tid
