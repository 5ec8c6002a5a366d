-- rule: long-wait-chain
-- description: A wait chain of more than 3 threads lasted this long: one thread held up two or more others, directly or through each other (the chains command shows it as a tree).
-- severity: error
-- threshold: 20 ms
-- One row per chain of the trace with more than 3 threads (the root and its waiters): value
-- is how long the chain lasted, from its first wait to its last wait's end.
SELECT c.duration_ns AS value,
       format('{} {} held {} while {} threads waited over {} ms (chain {}, {} waits, {} deep)',
              coalesce(c.root_comm, '?'), c.root_tid, c.lock_name, c.threads - 1,
              round(c.duration_ns / 1e6, 2), c.chain_id, c.waits, c.depth) AS evidence
FROM chains c
WHERE c.trace_id = $trace_id AND c.threads > 3
ORDER BY value DESC
