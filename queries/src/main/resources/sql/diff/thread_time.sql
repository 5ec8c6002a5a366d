-- The thread time of a trace ($1): its length times its threads (each at least 1), what a
-- wait's share of the trace is taken of.
SELECT greatest(last_ts - first_ts, 1)
       * greatest((SELECT count(*) FROM threads WHERE trace_id = $1), 1)
FROM traces WHERE trace_id = $1
