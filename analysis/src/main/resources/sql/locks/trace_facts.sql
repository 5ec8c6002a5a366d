-- The facts a trace's input states about itself ($1): key, value (perf's header lines).
SELECT key, value FROM trace_metadata WHERE trace_id = $1
