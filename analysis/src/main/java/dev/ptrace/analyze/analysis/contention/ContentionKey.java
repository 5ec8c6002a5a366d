package dev.ptrace.analyze.analysis.contention;

/**
 * What contention rows group by: perf's default (caller), {@code -t} (thread), {@code -l}
 * (lock: address and name), {@code -o} (owner: the thread the waiting was for, from the lock
 * models' blame, over the whole wait and for every lock kind).
 */
public enum ContentionKey {
    CALLER, THREAD, LOCK, OWNER
}
