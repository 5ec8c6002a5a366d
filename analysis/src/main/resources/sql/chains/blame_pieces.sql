-- The blame pieces of one trace ($1), each wait's in time order.
SELECT wait_id, blocker_tid, relation, blocker_state, blocker_wait_id, lock_id, begin_ts,
       end_ts, share
FROM blame
WHERE trace_id = $1
ORDER BY wait_id, begin_ts
