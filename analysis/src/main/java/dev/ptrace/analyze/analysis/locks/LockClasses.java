package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The classes of locks lock-names.tsv names (lock-classes.tsv): what each protects, what helps. */
public final class LockClasses {
    /**
     * A class: its name (locks.name), what it protects and the advice when it is contended;
     * where the advice makes the lock taken {@code fewerBy} times less often (a parameter of
     * what-if.tsv), the {@code change} that does it, else both null; {@code evidence}, the
     * query of more evidence for the class (/sql/findings/class/NAME.sql), or null.
     */
    public record LockClass(String name, String protects, String advice, String fewerBy,
                            String change, String evidence) {
    }

    private final Map<String, LockClass> byName;

    private LockClasses(Map<String, LockClass> byName) {
        this.byName = byName;
    }

    public static LockClasses shipped() {
        Map<String, LockClass> classes = new LinkedHashMap<>();
        for (Map<String, String> r : TsvTable.resource(LockClasses.class, "lock-classes.tsv")
                .records()) {
            classes.put(r.get("name"), new LockClass(r.get("name"), r.get("protects"),
                    r.get("advice"), blankToNull(r.get("fewer_by")),
                    blankToNull(r.get("change")), blankToNull(r.get("evidence"))));
        }
        return new LockClasses(classes);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
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
