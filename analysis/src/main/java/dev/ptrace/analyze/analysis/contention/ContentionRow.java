package dev.ptrace.analyze.analysis.contention;

/**
 * One row of lock contention figures, as {@code perf lock contention} prints it.
 *
 * @param key       what the row groups by: perf's callchain id (by caller) or the thread id
 * @param label     the caller ({@code sym+0xoff} or {@code Unknown}), the thread's name, or
 *                  the lock's symbol (empty when unknown)
 * @param lockAddr  by lock: the lock's address as the trace prints it; else null
 * @param type      perf's lock type name ({@code spinlock}, {@code rwsem:W}, ...) of the row's
 *                  first wait
 * @param contended waits begun
 * @param acquired  waits ended; only these have a duration
 * @param avgNs     {@code totalNs / acquired}, as perf computes it
 */
public record ContentionRow(long key, String label, String lockAddr, String type,
                            long contended, long acquired, long totalNs, long maxNs, long minNs,
                            long avgNs) {
    /** The row with its lock's address (rows by lock). */
    public ContentionRow withLockAddr(String addr) {
        return new ContentionRow(key, label, addr, type, contended, acquired, totalNs, maxNs,
                minNs, avgNs);
    }
}
