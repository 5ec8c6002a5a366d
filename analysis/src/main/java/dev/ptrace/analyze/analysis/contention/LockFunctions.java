package dev.ptrace.analyze.analysis.contention;

import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kernel functions that are part of taking a lock or of scheduling (the {@code .sched.text} and
 * {@code .spinlock.text} sections), so never the "caller" of a contended lock. perf decides by
 * address range from the kernel map; text traces only have names, so the list is data
 * (lock-functions.tsv, made by scripts/lock-functions-from-kallsyms.sh).
 */
public final class LockFunctions {
    private final Set<String> names;

    private LockFunctions(Set<String> names) {
        this.names = names;
    }

    /** The list shipped with the tool. */
    public static LockFunctions shipped() {
        TsvTable t = TsvTable.resource(LockFunctions.class, "lock-functions.tsv");
        int function = t.column("function");
        Set<String> names = new HashSet<>();
        for (List<String> row : t.rows()) {
            names.add(row.get(function));
        }
        return new LockFunctions(names);
    }

    public boolean contains(Frame frame) {
        return frame.symbol() != null && names.contains(frame.symbol());
    }
}
