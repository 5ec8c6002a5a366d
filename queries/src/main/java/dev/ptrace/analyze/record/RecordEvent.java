package dev.ptrace.analyze.record;

import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.List;
import java.util.Map;

/**
 * An event {@code ptrace-analyze record} records (record-events.tsv).
 *
 * @param event      a tracepoint {@code SYSTEM:NAME}, or a perf software event
 * @param tracepoint whether it is a tracepoint (tracefs records only those)
 * @param required   whether a kernel without it is an error (else it is left out, with a
 *                   warning)
 * @param why        what the analysis reads it for
 */
public record RecordEvent(String event, boolean tracepoint, boolean required, String why) {
    private static final List<RecordEvent> SHIPPED = load();

    /** The events of record-events.tsv, in its order. */
    public static List<RecordEvent> shipped() {
        return SHIPPED;
    }

    /** A tracepoint's folder under tracefs's events/: {@code SYSTEM/NAME}. */
    public String tracefsPath() {
        return event.replace(':', '/');
    }

    private static List<RecordEvent> load() {
        TsvTable t = TsvTable.resource(RecordEvent.class, "record-events.tsv");
        return t.records().stream().map(RecordEvent::of).toList();
    }

    private static RecordEvent of(Map<String, String> row) {
        String kind = row.get("kind");
        String need = row.get("need");
        if (!List.of("tracepoint", "software").contains(kind)
                || !List.of("required", "optional").contains(need)) {
            throw new IllegalStateException("record-events.tsv: " + row.get("event")
                    + ": kind is tracepoint or software, need required or optional");
        }
        return new RecordEvent(row.get("event"), kind.equals("tracepoint"),
                need.equals("required"), row.get("why"));
    }
}
