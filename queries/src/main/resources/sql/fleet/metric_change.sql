-- diff's metrics of every trace (the metrics table: lock waiting per lock, per waiter syscall
-- and per perf caller, mmap_lock hold time per cause and the inversions' lost time as shares
-- of the trace's thread time; wait percentiles in ns; mmap and munmap calls per
-- thread-second): one row per trace and metric, for fleet to compare two sets of runs.
SELECT t.trace_id, t.date, t.host, t.os_release, t.tool_version, t.source, m.name AS metric,
       m.value, m.unit, m.samples, m.min_samples
FROM metrics m
JOIN traces t ON t.trace_id = m.trace_id
ORDER BY t.date, t.host, t.trace_id, m.name
