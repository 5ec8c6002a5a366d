-- The blame pieces of one trace ($1) in order of begin; a wait's pieces that begin together
-- (one per blocker) in the order the replay wrote them. duration_ns and blamed_ns are left
-- out (the reader works them out from begin, end and share as the replay did: BlameRow.of),
-- and the texts' hashes, which let the reader take each distinct text once, are taken after
-- the sort: the sort of the trace's pieces carries only the stored columns it needs.
SELECT wait_id, waiter_tid, lock_id, blocker_tid, relation, blocker_state, blocker_wait_id,
       begin_ts, end_ts, share, hold_id, (hash(relation) >> 1)::BIGINT,
       (hash(blocker_state) >> 1)::BIGINT
FROM (SELECT wait_id, waiter_tid, lock_id, blocker_tid, relation, blocker_state,
             blocker_wait_id, begin_ts, end_ts, share, hold_id
      FROM blame
      WHERE trace_id = $1
      ORDER BY begin_ts, wait_id, rowid)
