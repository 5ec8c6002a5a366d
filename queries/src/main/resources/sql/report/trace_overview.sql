-- One trace (parameter 1: trace_id): where it came from, its span and its size; for a binary
-- capture its records and what named (or did not name) its frames.
SELECT t.source, t.format, t.os_release, t.nrcpus, t.first_ts, t.last_ts,
       t.last_ts - t.first_ts AS span_ns, t.ts_precision_ns, t.lines, t.events, t.stacks,
       t.skipped_lines, t.lost_events,
       (SELECT count(*) FROM threads h WHERE h.trace_id = t.trace_id) AS threads,
       (SELECT count(DISTINCT pid) FROM threads h WHERE h.trace_id = t.trace_id) AS processes,
       coalesce((SELECT value FROM stats s WHERE s.trace_id = t.trace_id
                 AND s.name = 'records'), 0) AS records,
       (SELECT value FROM trace_metadata m WHERE m.trace_id = t.trace_id
        AND m.key = 'kernel symbols') AS kernel_symbols,
       (SELECT value FROM trace_metadata m WHERE m.trace_id = t.trace_id
        AND m.key = 'frames not named') AS unnamed_frames
FROM traces t
WHERE t.trace_id = ?
