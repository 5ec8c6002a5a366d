-- The events the lock analysis replays, of one trace ($1), in time order with ties in input
-- order, all in one shape (kind: the ReplayEvent.Kind ordinal,
-- each {name} filled from the enum), a page at a time: the $4 events
-- after (ts $2, seq $3). tid/comm: the thread the event is about (sched_switch: prev; a
-- wakeup: the waker); other_*: the next thread of a switch, the target of a wakeup; text: a
-- switch's prev_state, a syscall's name; addr: a lock address or an mm; num: a begin's flags,
-- an end's ret, a wakeup's target_cpu. Then the hashes of the four texts (few distinct values),
-- so that the reader takes each distinct text once.
SELECT *, (hash(comm) >> 1)::BIGINT, (hash(text) >> 1)::BIGINT, (hash(other_comm) >> 1)::BIGINT,
       (hash(addr) >> 1)::BIGINT
FROM (
SELECT {switch} AS kind, ts, seq, cpu, prev_pid AS tid, prev_comm AS comm, prev_prio AS prio,
       prev_state AS text, next_pid AS other_tid, next_comm AS other_comm,
       next_prio AS other_prio, NULL AS addr, NULL::BIGINT AS num, NULL::BOOLEAN AS write,
       NULL::BOOLEAN AS success, NULL::BIGINT AS stack_id
FROM sched_switch WHERE trace_id = $1
UNION ALL
SELECT {wakeup}, ts, seq, cpu, tid, comm, NULL, NULL, target_tid, target_comm, target_prio,
       NULL, target_cpu, NULL, NULL, NULL
FROM sched_wakeup WHERE trace_id = $1
UNION ALL
SELECT CASE phase WHEN 'begin' THEN {contention_begin} ELSE {contention_end} END, ts, seq, cpu,
       tid, comm, NULL, NULL, NULL, NULL, NULL,
       lock_addr, CASE WHEN phase = 'begin' THEN coalesce(flags, 0) ELSE ret END, NULL, NULL,
       stack_id
FROM lock_contention WHERE trace_id = $1
UNION ALL
SELECT CASE phase WHEN 'start_locking' THEN {mmap_start}
                  WHEN 'acquire_returned' THEN {mmap_acquired} ELSE {mmap_released} END,
       ts, seq, cpu, tid, comm, NULL, NULL, NULL, NULL, NULL, mm, NULL,
       write, success, NULL
FROM mmap_lock WHERE trace_id = $1
UNION ALL
SELECT CASE phase WHEN 'enter' THEN {syscall_enter} ELSE {syscall_exit} END, ts, seq, cpu,
       tid, comm, NULL, name, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL
FROM syscalls WHERE trace_id = $1
)
WHERE ts > $2 OR (ts = $2 AND seq > $3)
ORDER BY ts, seq
LIMIT $4
