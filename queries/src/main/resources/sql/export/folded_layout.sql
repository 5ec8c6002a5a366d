-- How perf script printed the stacks of a trace ($1): the events whose stack was the address
-- on their event line ($2: that metadata key), the callchain lines without module ($3: that
-- key), the events with a stack, and those of them whose line shows a thread name and id.
SELECT
    (SELECT try_cast(value AS BIGINT) FROM trace_metadata WHERE trace_id = $1 AND key = $2)
        AS on_event_line,
    (SELECT try_cast(value AS BIGINT) FROM trace_metadata WHERE trace_id = $1 AND key = $3)
        AS without_module,
    (SELECT count(*) FROM events WHERE trace_id = $1 AND stack_id IS NOT NULL) AS with_stack,
    (SELECT count(*) FROM events WHERE trace_id = $1 AND stack_id IS NOT NULL
        AND comm IS NOT NULL AND comm <> '' AND tid IS NOT NULL) AS named
