package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The classes of locks lock-names.tsv names (lock-classes.tsv): what each protects, what helps. */
public final class LockClasses {
    /** A class: its name (locks.name), what it protects and the advice when it is contended. */
    public record LockClass(String name, String protects, String advice) {
    }

    private final Map<String, LockClass> byName;

    private LockClasses(Map<String, LockClass> byName) {
        this.byName = byName;
    }

    public static LockClasses shipped() {
        TsvTable t = TsvTable.resource(LockClasses.class, "lock-classes.tsv");
        int name = t.column("name");
        int protects = t.column("protects");
        int advice = t.column("advice");
        Map<String, LockClass> classes = new LinkedHashMap<>();
        for (List<String> row : t.rows()) {
            classes.put(row.get(name), new LockClass(row.get(name), row.get(protects),
                    row.get(advice)));
        }
        return new LockClasses(classes);
    }

    /** The class of that name, or null. */
    public LockClass of(String name) {
        return byName.get(name);
    }

    /** Every class, in the file's order. */
    public List<LockClass> all() {
        return List.copyOf(byName.values());
    }
}
