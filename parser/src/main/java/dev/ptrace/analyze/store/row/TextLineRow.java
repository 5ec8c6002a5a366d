package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;

/** A row of {@code text_lines}. */
@RowOf("text_lines")
public record TextLineRow(int traceId, long line, String kind, String text) {
}
