-- The events of a trace ($1) for Perfetto, in time order: phase 1 begins and 0 ends a slice
-- (thread states on the thread's track, waits on its lock-waits track, holds on its track of
-- the lock, inversions on their own tracks), 3 sets a counter (waiters per lock). At one
-- time, ends come before begins, inner slices end before outer ones and outer slices begin
-- before inner ones. notes: 'key<TAB>value' lines (debug annotations); flows: the waits a
-- hold handed the lock to (their wait_ids, comma-separated), terminating on those waits.
WITH lk AS (
    SELECT lock_id, coalesce(name, lock_addr, 'lock ' || lock_id) AS lock
    FROM locks WHERE trace_id = $1
), wake AS (
    SELECT wait_id, arg_max(blocker_tid, end_ts) AS blocker, max(end_ts) AS at,
           any_value(lock_id) AS lock_id
    FROM blame WHERE trace_id = $1 AND relation = 'holder' AND blocker_tid IS NOT NULL
    GROUP BY wait_id
), woke AS (
    SELECT k.wait_id, min(h.hold_id) AS hold_id
    FROM wake k JOIN holds h ON h.trace_id = $1 AND h.tid = k.blocker
        AND h.lock_id = k.lock_id AND h.begin_ts < k.at AND h.end_ts >= k.at
    GROUP BY k.wait_id
), cause AS (
    SELECT hold_id, arg_max(cause, ns) AS cause FROM hold_causes
    WHERE trace_id = $1 AND cause IS NOT NULL GROUP BY hold_id
), slices AS (
    SELECT s.tid * 256 + 1 AS track, s.begin_ts, s.end_ts, s.state AS name,
           'cpu' || chr(9) || coalesce(s.cpu::VARCHAR, '?') || chr(10) || 'prio' || chr(9)
               || coalesce(s.prio::VARCHAR, '?')
               || coalesce(chr(10) || 'kernel_state' || chr(9) || s.kernel_state, '')
               AS notes,
           NULL AS flows, NULL::BIGINT AS terminates
    FROM thread_states s WHERE s.trace_id = $1 AND s.end_ts > s.begin_ts
    UNION ALL
    SELECT w.tid * 256 + 2, w.begin_ts, w.end_ts,
           'wait ' || lk.lock || ' (' || w.mode || ')',
           'lock' || chr(9) || lk.lock || chr(10) || 'type' || chr(9) || w.lock_type
               || chr(10) || 'duration_ns' || chr(9) || w.duration_ns || chr(10) || 'wait_id'
               || chr(9) || w.wait_id || coalesce(chr(10) || 'syscall' || chr(9) || w.syscall, ''),
           NULL, CASE WHEN wo.hold_id IS NOT NULL THEN w.wait_id END
    FROM waits w JOIN lk USING (lock_id) LEFT JOIN woke wo USING (wait_id)
    WHERE w.trace_id = $1 AND w.end_ts > w.begin_ts
    UNION ALL
    SELECT (h.lock_id::UBIGINT << 32) + h.tid * 256 + 3, h.begin_ts, h.end_ts,
           'hold ' || lk.lock || ' (' || coalesce(h.mode, '?') || ')',
           'lock' || chr(9) || lk.lock || chr(10) || 'duration_ns' || chr(9) || h.duration_ns
               || chr(10) || 'end' || chr(9) || h.end_evidence || chr(10) || 'hold_id'
               || chr(9) || h.hold_id || coalesce(chr(10) || 'cause' || chr(9) || c.cause, ''),
           (SELECT string_agg(wo.wait_id::VARCHAR, ',' ORDER BY wo.wait_id) FROM woke wo
            WHERE wo.hold_id = h.hold_id),
           NULL
    FROM holds h JOIN lk USING (lock_id) LEFT JOIN cause c USING (hold_id)
    WHERE h.trace_id = $1 AND h.end_ts > h.begin_ts
    UNION ALL
    SELECT (1::UBIGINT << 60) + (row_number() OVER (ORDER BY begin_ts, root_tid)) * 256 + 5,
           begin_ts, end_ts,
           'priority inversion: ' || root_comm || ' ' || root_tid || ' (prio ' || root_prio
               || ') held ' || lock_name || ' off CPU',
           'lost_ns' || chr(9) || lost_ns || chr(10) || 'victims' || chr(9) || victims,
           NULL, NULL
    FROM inversions WHERE trace_id = $1 AND end_ts > begin_ts
), counts AS (
    SELECT (1::UBIGINT << 61) + lock_id * 256 + 6 AS track, ts,
           sum(delta) OVER (PARTITION BY lock_id ORDER BY ts, delta
                            ROWS UNBOUNDED PRECEDING) AS value, delta
    FROM (SELECT lock_id, begin_ts AS ts, 1 AS delta FROM waits WHERE trace_id = $1
          UNION ALL
          SELECT lock_id, end_ts, -1 FROM waits WHERE trace_id = $1)
)
SELECT ts, phase, track, name, notes, flows, terminates, value FROM (
    SELECT begin_ts AS ts, 1 AS phase, -end_ts AS ord, track, name, notes, flows, terminates,
           NULL::BIGINT AS value
    FROM slices
    UNION ALL
    SELECT end_ts, 0, -begin_ts, track, NULL, NULL, NULL, NULL, NULL FROM slices
    UNION ALL
    SELECT ts, 3, delta, track, NULL, NULL, NULL, NULL, value FROM counts
)
ORDER BY ts, phase, ord, track
