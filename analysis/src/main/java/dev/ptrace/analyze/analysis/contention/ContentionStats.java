package dev.ptrace.analyze.analysis.contention;

/**
 * The figures of one row of {@code perf lock contention}: waits begun (contended), waits ended
 * (acquired), and the time of the ended ones.
 */
final class ContentionStats {
    final String label;
    final int flags;
    long contended;
    long acquired;
    long totalNs;
    long maxNs;
    long minNs = Long.MAX_VALUE;

    ContentionStats(String label, int flags) {
        this.label = label;
        this.flags = flags;
    }

    void waited(long ns) {
        acquired++;
        totalNs += ns;
        maxNs = Math.max(maxNs, ns);
        minNs = Math.min(minNs, ns);
    }
}
