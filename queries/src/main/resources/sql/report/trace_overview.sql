-- One trace (parameter 1: trace_id): where it came from, its span and its size.
SELECT t.source, t.format, t.os_release, t.nrcpus, t.first_ts, t.last_ts,
       t.last_ts - t.first_ts AS span_ns, t.ts_precision_ns, t.lines, t.events, t.stacks,
       t.skipped_lines, t.lost_events,
       (SELECT count(*) FROM threads h WHERE h.trace_id = t.trace_id) AS threads,
       (SELECT count(DISTINCT pid) FROM threads h WHERE h.trace_id = t.trace_id) AS processes
FROM traces t
WHERE t.trace_id = ?
