package dev.ptrace.analyze.analysis.contention;

/**
 * The figures of one row of {@code perf lock contention}: waits begun (contended), waits ended
 * (acquired), and the time of the ended ones.
 */
final class ContentionStats {
    final String label;
    final String type;
    long contended;
    long acquired;
    long totalNs;
    long maxNs;
    long minNs = Long.MAX_VALUE;

    ContentionStats(String label, String type) {
        this.label = label;
        this.type = type;
    }

    void waited(long ns) {
        acquired++;
        totalNs += ns;
        maxNs = Math.max(maxNs, ns);
        minNs = Math.min(minNs, ns);
    }

    /** The row of key {@code key} (by lock: with the lock's address), avg as perf computes it. */
    ContentionRow row(long key, String lockAddr) {
        return new ContentionRow(key, label, lockAddr, type, contended, acquired, totalNs, maxNs,
                acquired == 0 ? 0 : minNs, acquired == 0 ? 0 : totalNs / acquired);
    }
}
