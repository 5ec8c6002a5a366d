-- vmalloc in a trace ($1): the vmalloc tracepoints by kind, and the spinlock waits each
-- thread ended just before its next event was an alloc_vmap_area (the tracepoint fires as
-- alloc_vmap_area returns, after it took the vmap area locks), or on a lock named for them.
WITH ev AS (
    SELECT tid, ts, seq, regexp_replace(event, '^vmalloc:', '') AS event
    FROM events WHERE trace_id = $1
), w AS (
    SELECT w.wait_id, w.tid, w.end_ts, w.duration_ns, l.name
    FROM waits w JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
    WHERE w.trace_id = $1 AND w.lock_type = 'spinlock'
), linked AS (
    SELECT w.duration_ns
    FROM w ASOF LEFT JOIN ev n ON n.tid = w.tid AND n.ts > w.end_ts
    WHERE n.event = 'alloc_vmap_area' OR w.name IN ('vmap area lock', 'vmap purge lock')
)
SELECT (SELECT count(*) FROM ev WHERE event = 'alloc_vmap_area') AS allocs,
       (SELECT count(*) FROM ev WHERE event = 'free_vmap_area_noflush') AS frees,
       (SELECT count(*) FROM ev WHERE event = 'purge_vmap_area_lazy') AS purges,
       (SELECT count(*) FROM linked) AS waits,
       (SELECT coalesce(sum(duration_ns), 0) FROM linked)::BIGINT AS wait_ns,
       (SELECT coalesce(max(duration_ns), 0) FROM linked)::BIGINT AS max_ns
