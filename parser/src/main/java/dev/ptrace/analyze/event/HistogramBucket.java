package dev.ptrace.analyze.event;

/**
 * One bucket of a bpftrace {@code hist} or {@code lhist} map: {@code [512, 1K)  29 |@@@|}.
 *
 * @param line    line of the bucket in the input
 * @param key     the map key, null for none
 * @param stackId the stack of a stack key, or -1
 * @param low     inclusive lower bound, null for {@code (..., x)}
 * @param high    exclusive upper bound, null for {@code [x, ...)}
 */
public record HistogramBucket(long line, String map, String key, long stackId, Long low,
                              Long high, long count) implements SinkItem {
    @Override
    public void sendTo(EventHandler handler) {
        handler.histogramBucket(this);
    }
}
