-- The kernel release of the traced machine, when the trace ($1) says.
SELECT os_release FROM traces WHERE trace_id = $1
