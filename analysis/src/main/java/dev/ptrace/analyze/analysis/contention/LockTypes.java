package dev.ptrace.analyze.analysis.contention;

import dev.ptrace.analyze.event.LockFlags;
import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** perf's names for lock types ({@code spinlock}, {@code rwsem:R}, ...), from lock-types.tsv. */
public final class LockTypes {
    public static final String UNKNOWN = "unknown";
    private static final Map<Integer, String> NAMES = load();

    private LockTypes() {
    }

    /** perf's type name for the flags of a contention_begin. */
    public static String name(int flags) {
        return NAMES.getOrDefault(flags, UNKNOWN);
    }

    private static Map<Integer, String> load() {
        TsvTable t = TsvTable.resource(LockTypes.class, "lock-types.tsv");
        int flags = t.column("flags");
        int type = t.column("type");
        Map<Integer, String> names = new HashMap<>();
        for (List<String> row : t.rows()) {
            String f = row.get(flags);
            names.put(f.equals("none") ? 0 : LockFlags.parse(f), row.get(type));
        }
        return names;
    }
}
