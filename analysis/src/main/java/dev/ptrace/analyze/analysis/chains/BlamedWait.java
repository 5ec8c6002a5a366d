package dev.ptrace.analyze.analysis.chains;

/**
 * A wait that has blame (chain_waits.sql): its thread, lock, what it was in, when, and the
 * waiter's priority at its begin.
 */
record BlamedWait(long waitId, int tid, String comm, long lockId, String mode, String syscall,
                  long begin, long end, long duration, String lockName, String lockAddr,
                  Integer prio, Long stackId) {
}
