-- The mmap and munmap calls of a trace ($1), each with its end and the address it maps
-- (mmap's return value) or unmaps; anon_rw marks what glibc's sysmalloc asks for a chunk: a
-- private anonymous read-write mapping anywhere (addr 0, prot 3, flags 0x22). In the order
-- the addresses change hands: an mmap at its exit, a munmap at its entry (another thread's
-- mmap can get the address before the munmap returns).
SELECT e.tid, e.name, e.ts AS begin_ts, coalesce(x.ts, e.ts) AS end_ts, e.args['len'] AS len,
       CASE WHEN e.name = 'mmap' THEN x.ret ELSE e.args['addr'] END AS addr,
       e.name = 'mmap' AND e.args['addr'] = 0 AND e.args['prot'] = 3
           AND e.args['flags'] = 34 AND x.ret > 0 AS anon_rw
FROM syscalls e
ASOF LEFT JOIN (SELECT * FROM syscalls WHERE trace_id = $1 AND phase = 'exit') x
    ON x.tid = e.tid AND x.name = e.name AND x.seq > e.seq
WHERE e.trace_id = $1 AND e.phase = 'enter' AND e.name IN ('mmap', 'munmap')
ORDER BY CASE WHEN e.name = 'mmap' THEN coalesce(x.seq, e.seq) ELSE e.seq END
