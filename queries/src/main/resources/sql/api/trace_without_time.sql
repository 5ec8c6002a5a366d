-- A trace ($1) whose events have no time (stats 'events_without_time'): its source and how many
-- of its events are so; no row when every event has one.
SELECT t.source, s.value AS untimed, t.events
FROM traces t JOIN stats s ON s.trace_id = t.trace_id AND s.name = 'events_without_time'
WHERE t.trace_id = $1 AND s.value > 0
