-- Waits on page-table locks (locks named 'page-table lock' from the function that took them,
-- lock-names.tsv) of a trace ($1), per process: how many, how long, on how many page tables
-- (each lock is one page-table page's split lock, so one 2 MiB region of address space), by
-- how many threads, and the most threads that waited on one page table. Processes whose
-- waiting is below $2 ns are left out.
WITH w AS (
    SELECT tid, lock_id, duration_ns, pid FROM page_table_waits($1)
), per_table AS (
    SELECT pid, lock_id, count(DISTINCT tid) AS threads FROM w GROUP BY pid, lock_id
)
SELECT w.pid,
       (SELECT comm FROM threads t WHERE t.trace_id = $1 AND t.tid = w.pid) AS process,
       count(*) AS waits, sum(w.duration_ns) AS wait_ns, max(w.duration_ns) AS max_wait_ns,
       count(DISTINCT w.lock_id) AS page_tables, count(DISTINCT w.tid) AS threads,
       (SELECT max(p.threads) FROM per_table p WHERE p.pid = w.pid)
           AS most_threads_per_page_table
FROM w
GROUP BY w.pid
HAVING sum(w.duration_ns) >= $2
ORDER BY wait_ns DESC, w.pid
