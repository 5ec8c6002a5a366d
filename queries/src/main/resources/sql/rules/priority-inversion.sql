-- rule: priority-inversion
-- description: Threads of better priority lost time waiting for a lock holder of worse priority that was off CPU (docs/design.md scenario 4).
-- severity: error
-- threshold: 100 ms
-- One row per inversion (a wait chain whose root was off CPU): value is the time its better-priority waiters lost.
SELECT lost_ns AS value,
       format('{} {} (prio {}) held {} while off CPU: {} threads of better priority lost {} ms',
              root_comm, root_tid, root_prio, lock_name, victims, round(lost_ns / 1e6, 2))
           AS evidence
FROM inversions
WHERE trace_id = $trace_id
ORDER BY value DESC
