package dev.ptrace.analyze.read.format;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tracepoint's format file, as the kernel publishes it under
 * {@code /sys/kernel/tracing/events/SYSTEM/NAME/format} and as perf.data and trace.dat carry
 * it: its id, its fields (the common ones first) and how it prints itself.
 *
 * @param system the event's system ({@code sched}); {@code ftrace} for ftrace's own events
 * @param name   the event's name ({@code sched_switch})
 * @param id     the id records carry in their {@code common_type} field
 * @param fields every field, the {@code common_*} ones included, in file order
 * @param print  the print format, or null when it could not be read ({@link #printProblem})
 * @param printProblem why the print format could not be read, or null
 */
public record EventFormat(String system, String name, int id, List<FormatField> fields,
                          PrintFormat print, String printProblem) {
    public EventFormat {
        fields = List.copyOf(fields);
    }

    /** {@code sched:sched_switch}, as perf names the event. */
    public String qualifiedName() {
        return system + ":" + name;
    }

    /** The field called {@code name}, or null. */
    public FormatField field(String fieldName) {
        for (FormatField f : fields) {
            if (f.name().equals(fieldName)) {
                return f;
            }
        }
        return null;
    }

    /** The fields by name. */
    public Map<String, FormatField> fieldsByName() {
        Map<String, FormatField> m = new HashMap<>();
        fields.forEach(f -> m.put(f.name(), f));
        return m;
    }

    /** The fields that are the event's own, not the {@code common_*} header every event has. */
    public List<FormatField> ownFields() {
        return fields.stream().filter(f -> !f.name().startsWith("common_")).toList();
    }
}
