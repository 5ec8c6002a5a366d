package dev.ptrace.analyze.analysis.contention;

import dev.ptrace.analyze.analysis.locks.model.LockKind;
import dev.ptrace.analyze.event.LockFlags;
import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * perf's names for lock types ({@code spinlock}, {@code rwsem:R}, ...) and the kind of lock
 * each is ({@code rwsem}), from lock-types.tsv.
 */
public final class LockTypes {
    public static final String UNKNOWN = "unknown";
    private static final Map<Integer, String> NAMES = load("type");
    private static final Map<Integer, LockKind> KINDS = kinds();

    private LockTypes() {
    }

    /** perf's type name for the flags of a contention_begin. */
    public static String name(int flags) {
        return NAMES.getOrDefault(flags, UNKNOWN);
    }

    /** The kind of lock the flags of a contention_begin say it is: rwsem, spinlock, ... */
    public static LockKind kind(int flags) {
        return KINDS.getOrDefault(flags, LockKind.UNKNOWN);
    }

    private static Map<Integer, LockKind> kinds() {
        Map<Integer, LockKind> kinds = new HashMap<>();
        load("kind").forEach((flags, label) -> kinds.put(flags, LockKind.of(label)));
        return kinds;
    }

    private static Map<Integer, String> load(String column) {
        TsvTable t = TsvTable.resource(LockTypes.class, "lock-types.tsv");
        int flags = t.column("flags");
        int value = t.column(column);
        Map<Integer, String> values = new HashMap<>();
        for (List<String> row : t.rows()) {
            String f = row.get(flags);
            values.put(f.equals("none") ? 0 : LockFlags.parse(f), row.get(value));
        }
        return values;
    }
}
