-- The blame pieces of one trace ($1) in order of begin; a wait's pieces that begin together
-- (one per blocker) in the order the replay wrote them; the texts' hashes let the reader
-- take each distinct text once. duration_ns and blamed_ns are left out: the reader works
-- them out from begin, end and share as the replay did (BlameRow.of), and the sort carries
-- fewer columns.
SELECT wait_id, waiter_tid, lock_id, blocker_tid, relation, blocker_state, blocker_wait_id,
       begin_ts, end_ts, share, hold_id, (hash(relation) >> 1)::BIGINT,
       (hash(blocker_state) >> 1)::BIGINT
FROM blame
WHERE trace_id = $1
ORDER BY begin_ts, wait_id, rowid
