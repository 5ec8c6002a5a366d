package dev.ptrace.analyze.analysis.contention;

/** What contention rows group by: perf's default (caller) or {@code -t} (thread). */
public enum ContentionKey {
    CALLER, THREAD
}
