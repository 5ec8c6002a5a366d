package dev.ptrace.analyze.analysis.contention;

import java.util.Comparator;

/**
 * perf lock contention's sort keys ({@code -k}): each sorts its figure, largest first; ties
 * by total wait, then waits, then label (so that the default keeps the rows' usual order).
 */
public enum ContentionSortKey {
    CONTENDED(Comparator.comparingLong(ContentionRow::contended)),
    WAIT_TOTAL(Comparator.comparingLong(ContentionRow::totalNs)),
    WAIT_MAX(Comparator.comparingLong(ContentionRow::maxNs)),
    WAIT_MIN(Comparator.comparingLong(ContentionRow::minNs)),
    AVG_WAIT(Comparator.comparingLong(ContentionRow::avgNs));

    private final Comparator<ContentionRow> order;

    ContentionSortKey(Comparator<ContentionRow> ascending) {
        this.order = ascending.reversed()
                .thenComparing(Comparator.comparingLong(ContentionRow::totalNs).reversed())
                .thenComparing(Comparator.comparingLong(ContentionRow::contended).reversed())
                .thenComparing(ContentionRow::label).thenComparingLong(ContentionRow::key);
    }

    public Comparator<ContentionRow> order() {
        return order;
    }
}
