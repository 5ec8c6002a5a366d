-- page_table_waits(trace): every wait of a trace on a page-table lock (locks named
-- 'page-table lock' from the fault paths that take them, lock-names.tsv), with the waiter's
-- process. Each such lock is one page-table page's split lock, so one 2 MiB region of address
-- space. The page-table finding, its reproduction query and the page-table-lock-wait rule
-- all read it.
CREATE OR REPLACE TEMP MACRO page_table_waits(trace) AS TABLE
SELECT w.trace_id, w.wait_id, w.tid, coalesce(t.pid, w.tid) AS pid, w.lock_id, l.lock_addr,
       w.begin_ts, w.duration_ns
FROM waits w
JOIN locks l ON l.trace_id = w.trace_id AND l.lock_id = w.lock_id
LEFT JOIN threads t ON t.trace_id = w.trace_id AND t.tid = w.tid
WHERE w.trace_id = trace AND l.name = 'page-table lock'
