package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.analysis.contention.LockFunctions;
import dev.ptrace.analyze.analysis.locks.model.LockKind;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names a lock from a stack that waited for it (lock-names.tsv): the functions from the first
 * lock function up to the first function past the lock functions (the caller, as perf names
 * it) are looked up, nearest the leaf first. The lock functions count too: {@code __schedule}
 * is in .sched.text and takes the rq lock itself.
 */
public final class LockNames {
    /** A name, the kind it implies (null: the flags decide) and the function that gave it. */
    public record Name(String name, LockKind kind, String function) {
    }

    private final Map<String, Name> byFunction;
    private final LockFunctions lockFunctions;

    private LockNames(Map<String, Name> byFunction, LockFunctions lockFunctions) {
        this.byFunction = byFunction;
        this.lockFunctions = lockFunctions;
    }

    public static LockNames shipped() {
        TsvTable t = TsvTable.resource(LockNames.class, "lock-names.tsv");
        int function = t.column("function");
        int after = t.column("after");
        int name = t.column("name");
        int kind = t.column("kind");
        Map<String, Name> names = new HashMap<>();
        for (List<String> row : t.rows()) {
            String k = row.get(kind);
            names.put(key(row.get(function), row.get(after)), new Name(row.get(name),
                    k.isEmpty() ? null : LockKind.of(k), row.get(function)));
        }
        return new LockNames(names, LockFunctions.shipped());
    }

    /** A function's key, or with the lock function it called (after) when that decides. */
    private static String key(String function, String after) {
        return after == null || after.isEmpty() ? function : function + " after " + after;
    }

    /** The name the stack gives its lock, or null. */
    public Name of(List<Frame> frames) {
        boolean inLock = false;
        String called = null;
        for (Frame f : frames) {
            boolean lockFunction = lockFunctions.contains(f);
            inLock |= lockFunction;
            if (!inLock) {
                continue;
            }
            Name n = null;
            if (f.symbol() != null) {
                n = called == null ? null : byFunction.get(key(f.symbol(), called));
                if (n == null) {
                    n = byFunction.get(f.symbol());
                }
            }
            if (n != null) {
                return n;
            }
            if (!lockFunction) {
                return null;
            }
            called = f.symbol();
        }
        return null;
    }
}
