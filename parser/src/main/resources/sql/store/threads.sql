-- One row per thread of the trace being ingested (parameter $1: trace_id), from every
-- event. Where the input shows no process id (perf script without -F pid), threads that take
-- the mmap_lock of the same mm are one process, and its lowest thread id stands for the
-- process id (the group leader is normally its first thread): pid_source says 'mm'.
INSERT INTO threads
WITH seen AS (
    SELECT trace_id, tid, max(pid) AS pid, arg_max(comm, seq) AS comm,
           min(ts) AS first_ts, max(ts) AS last_ts, count(*) AS events
    FROM events
    WHERE trace_id = $1
    GROUP BY trace_id, tid
), thread_mm AS (
    SELECT tid, mode(mm) AS mm
    FROM mmap_lock
    WHERE trace_id = $1
    GROUP BY tid
), process AS (
    SELECT mm, min(tid) AS leader FROM thread_mm GROUP BY mm
)
SELECT s.trace_id, s.tid,
       coalesce(s.pid, p.leader) AS pid,
       CASE WHEN s.pid IS NOT NULL THEN 'trace' WHEN p.leader IS NOT NULL THEN 'mm' END
           AS pid_source,
       s.comm, s.first_ts, s.last_ts, s.events
FROM seen s
LEFT JOIN thread_mm m ON m.tid = s.tid
LEFT JOIN process p ON p.mm = m.mm
