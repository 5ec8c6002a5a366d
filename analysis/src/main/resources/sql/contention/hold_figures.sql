-- Lock holds of a trace ($1) by lock address (by = 'lock') or by holding thread (by =
-- 'thread'), for the hold columns next to the wait columns: holds, total and longest (ns).
-- Only exact holds (the trace shows both ends): an inferred hold's length is the lock
-- model's guess, and a spinning lock's, without release events, often unknown.
SELECT CASE WHEN $2 = 'lock' THEN l.lock_addr ELSE CAST(h.tid AS VARCHAR) END AS key,
       count(*) AS holds, sum(h.duration_ns)::BIGINT AS total_ns,
       max(h.duration_ns)::BIGINT AS max_ns
FROM holds h JOIN locks l ON l.trace_id = h.trace_id AND l.lock_id = h.lock_id
WHERE h.trace_id = $1 AND h.exact AND ($2 <> 'lock' OR l.lock_addr IS NOT NULL)
GROUP BY 1
