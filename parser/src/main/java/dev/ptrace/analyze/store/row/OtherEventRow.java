package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;
import java.util.Map;

/** A row of {@code other_events}. */
@RowOf("other_events")
public record OtherEventRow(EventColumns event, String payload, Map<String, String> args) {
}
