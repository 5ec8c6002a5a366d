-- What a trace ($1) is filed by in a lake: its content hash, the UTC day it was captured, the
-- host its header names, and its source.
SELECT content_hash, CAST(captured_at AS DATE), hostname, source FROM traces WHERE trace_id = $1
