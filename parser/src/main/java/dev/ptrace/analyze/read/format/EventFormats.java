package dev.ptrace.analyze.read.format;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event formats of one capture by id, and the format files that could not be read (their
 * events are then counted, not decoded).
 */
public final class EventFormats {
    private final Map<Integer, EventFormat> byId = new HashMap<>();
    private final List<String> unreadable = new ArrayList<>();

    /** Reads one format file of {@code system}; one that cannot be read is noted. */
    public void parse(String system, String text, int longSize) {
        try {
            EventFormat f = EventFormatParser.parse(system, text, longSize);
            byId.put(f.id(), f);
        } catch (FormatException e) {
            String name = text.lines().filter(l -> l.startsWith("name:")).findFirst()
                    .map(l -> l.substring(5).strip()).orElse("?");
            unreadable.add(system + ":" + name + ": " + e.getMessage());
        }
    }

    public void add(EventFormat f) {
        byId.put(f.id(), f);
    }

    /** The format with this id, or null. */
    public EventFormat byId(int id) {
        return byId.get(id);
    }

    public Collection<EventFormat> all() {
        return byId.values();
    }

    /** {@code system:name: what was wrong} for each format file that could not be read. */
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }
}
