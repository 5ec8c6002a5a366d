-- Events of one trace by name (parameter 1: trace_id), most frequent first.
SELECT event, table_name, count(*) AS events
FROM events
WHERE trace_id = ?
GROUP BY event, table_name
ORDER BY events DESC, event
