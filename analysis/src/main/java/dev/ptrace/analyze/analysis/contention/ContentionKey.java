package dev.ptrace.analyze.analysis.contention;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What contention rows group by: perf's default (caller), {@code -t} (thread), {@code -l}
 * (lock: address and name), {@code -o} (owner: the thread the waiting was for, from the lock
 * models' blame, over the whole wait and for every lock kind). Each key names the two columns
 * that identify its rows and gives their values, for every output.
 */
public enum ContentionKey {
    CALLER("type", "caller", "type", row -> List.of(row.type(), row.label())),
    THREAD("pid", "comm", "tid", ContentionKey::threadAndLabel),
    LOCK("address", "symbol", "address", row -> List.of(row.lockAddr(), row.label())),
    OWNER("pid", "owner", "tid", ContentionKey::threadAndLabel);

    private final String perfFirst;
    private final String name;
    private final String first;
    private final Function<ContentionRow, List<Object>> values;

    ContentionKey(String perfFirst, String name, String first,
                  Function<ContentionRow, List<Object>> values) {
        this.perfFirst = perfFirst;
        this.name = name;
        this.first = first;
        this.values = values;
    }

    private static List<Object> threadAndLabel(ContentionRow row) {
        return List.of(row.key(), row.label());
    }

    /** Its name as --by and the contention table spell it: caller, thread, lock, owner. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The two columns as perf's text and {@code -x} output head them ({@code pid comm}). */
    public List<String> perfColumns() {
        return List.of(perfFirst, name);
    }

    /** The two columns in CSV ({@code tid} where perf says pid: it is the thread id). */
    public List<String> columns() {
        return List.of(first, name);
    }

    /** A row's values of the two columns: a number for a thread id, else text. */
    public List<Object> values(ContentionRow row) {
        return values.apply(row);
    }

    /** The same as text. */
    public List<String> texts(ContentionRow row) {
        return values(row).stream().map(String::valueOf).toList();
    }

    /** The row's identity in JSON: the two columns, but the caller alone (type is a field). */
    public Map<String, Object> jsonFields(ContentionRow row) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> v = values(row);
        if (this != CALLER) {
            out.put(first, v.get(0));
        }
        out.put(name, v.get(1));
        return out;
    }

    /** Whether its rows carry hold figures (the lock's, the thread's, the owner's). */
    public boolean hasHolds() {
        return this != CALLER;
    }
}
