package dev.ptrace.analyze.present;

import dev.ptrace.analyze.analysis.contention.ContentionRow;
import java.util.List;
import java.util.function.ToLongFunction;

/** The figures perf lock contention can print ({@code -F}), with its headers. */
public enum ContentionField {
    CONTENDED("contended", "contended", ContentionRow::contended, false),
    WAIT_TOTAL("total wait", "total_wait_ns", ContentionRow::totalNs, true),
    WAIT_MAX("max wait", "max_wait_ns", ContentionRow::maxNs, true),
    WAIT_MIN("min wait", "min_wait_ns", ContentionRow::minNs, true),
    AVG_WAIT("avg wait", "avg_wait_ns", ContentionRow::avgNs, true);

    /** perf's default: all but the minimum. */
    public static final List<ContentionField> DEFAULT = List.of(CONTENDED, WAIT_TOTAL, WAIT_MAX,
            AVG_WAIT);

    final String header;
    final String column;
    final ToLongFunction<ContentionRow> value;
    final boolean time;

    /** perf's column width: 10 for the count, 12 for times. */
    int width() {
        return this == CONTENDED ? 10 : 12;
    }

    ContentionField(String header, String column, ToLongFunction<ContentionRow> value,
                    boolean time) {
        this.header = header;
        this.column = column;
        this.value = value;
        this.time = time;
    }
}
