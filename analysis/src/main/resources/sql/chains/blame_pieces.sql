-- The blame pieces of one trace ($1) in order of begin; a wait's pieces that begin together
-- (one per blocker) in the order the replay wrote them; the texts' hashes let the reader
-- take each distinct text once.
SELECT wait_id, blocker_tid, relation, blocker_state, blocker_wait_id, lock_id, begin_ts,
       end_ts, share, (hash(relation) >> 1)::BIGINT, (hash(blocker_state) >> 1)::BIGINT
FROM blame
WHERE trace_id = $1
ORDER BY begin_ts, wait_id, rowid
