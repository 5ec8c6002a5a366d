package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.event.EventHeader;

/**
 * The columns every event table starts with (tables.tsv's {@code events}): the first component
 * of each event table's row, standing for these columns in its place.
 */
public record EventColumns(int traceId, long seq, long line, Long ts, Integer cpu, Integer pid,
                           Integer tid, String comm, String event, Long stackId) {
    /** An event's header as its columns: what the input did not show is NULL. */
    public static EventColumns of(int traceId, EventHeader h) {
        return new EventColumns(traceId, h.seq(), h.line(), h.timed() ? h.ts() : null,
                known(h.cpu()), known(h.pid()), h.tid() == EventHeader.NO_TID ? null : h.tid(),
                h.comm(), h.event(), stack(h.stackId()));
    }

    /** A stack id, or null for an event without a stack. */
    public static Long stack(long stackId) {
        return stackId == EventHeader.NO_STACK ? null : stackId;
    }

    private static Integer known(int id) {
        return id == EventHeader.UNKNOWN ? null : id;
    }
}
