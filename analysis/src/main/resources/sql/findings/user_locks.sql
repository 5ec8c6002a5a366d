-- The user-space locks of a trace ($1): each futex word whose waiter takes it when woken
-- (locks.kind 'futex lock', a pthread mutex), with at least $2 ns of waiting, the most waiting
-- first: its waits, waiting threads, total and longest wait; the waiting blamed on the
-- holders (the thread whose wake ended each wait) by what they were doing (running, off CPU
-- while runnable or preempted, waiting themselves); the tail of the waits after the wake,
-- waiting for a CPU; and the holds the trace shows ending with the holder's futex wake.
WITH w AS (
    SELECT w.lock_id, count(*) AS waits, count(DISTINCT w.tid) AS threads,
           sum(w.duration_ns) AS wait_ns, max(w.duration_ns) AS max_wait_ns
    FROM waits w
    WHERE w.trace_id = $1 AND w.lock_type = 'futex'
    GROUP BY w.lock_id
), b AS (
    SELECT lock_id,
           sum(blamed_ns) FILTER (WHERE relation = 'holder') AS holder_ns,
           sum(blamed_ns) FILTER (WHERE relation = 'holder' AND blocker_state = 'running')
               AS holder_running_ns,
           sum(blamed_ns) FILTER (WHERE relation = 'holder'
                                  AND blocker_state IN ('runnable', 'preempted'))
               AS holder_off_cpu_ns,
           sum(blamed_ns) FILTER (WHERE relation = 'holder' AND blocker_wait_id IS NOT NULL)
               AS holder_waiting_ns,
           sum(blamed_ns) FILTER (WHERE relation = 'handoff' AND blocker_state <> 'running')
               AS after_wake_ns
    FROM blame
    WHERE trace_id = $1
    GROUP BY lock_id
), h AS (
    SELECT lock_id, count(*) AS holds, sum(duration_ns) AS hold_ns
    FROM holds
    WHERE trace_id = $1 AND end_evidence = 'futex wake'
    GROUP BY lock_id
)
SELECT l.lock_id, l.lock_addr, l.name, w.waits, w.threads, w.wait_ns, w.max_wait_ns,
       coalesce(b.holder_ns, 0)::BIGINT AS holder_ns,
       coalesce(b.holder_running_ns, 0)::BIGINT AS holder_running_ns,
       coalesce(b.holder_off_cpu_ns, 0)::BIGINT AS holder_off_cpu_ns,
       coalesce(b.holder_waiting_ns, 0)::BIGINT AS holder_waiting_ns,
       coalesce(b.after_wake_ns, 0)::BIGINT AS after_wake_ns,
       coalesce(h.holds, 0) AS holds, coalesce(h.hold_ns, 0)::BIGINT AS hold_ns
FROM locks l
JOIN w USING (lock_id)
LEFT JOIN b USING (lock_id)
LEFT JOIN h USING (lock_id)
WHERE l.trace_id = $1 AND l.kind = 'futex lock' AND w.wait_ns >= $2
ORDER BY w.wait_ns DESC, l.lock_addr
