package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;

/** A row of {@code samples}. */
@RowOf("samples")
public record SampleRow(EventColumns event, Long period) {
}
