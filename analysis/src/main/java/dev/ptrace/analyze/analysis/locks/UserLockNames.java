package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.analysis.locks.model.LockKind;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names a futex word from a user stack that waited on it or woke its waiters
 * (user-lock-names.tsv): the first function of the stack, leaf first, that the file lists, or
 * the row for that function and the frame that called it when the file has one.
 */
public final class UserLockNames {
    private static final String GLIBC_ALIAS = "__GI_";
    /** perf's word for a caller the stack does not show. */
    private static final String UNKNOWN = "Unknown";

    private final Map<String, LockNames.Name> byFunction;

    private UserLockNames(Map<String, LockNames.Name> byFunction) {
        this.byFunction = byFunction;
    }

    public static UserLockNames shipped() {
        TsvTable t = TsvTable.resource(UserLockNames.class, "user-lock-names.tsv");
        int function = t.column("function");
        int caller = t.column("caller");
        int name = t.column("name");
        int kind = t.column("kind");
        Map<String, LockNames.Name> names = new HashMap<>();
        for (List<String> row : t.rows()) {
            names.put(key(row.get(function), row.get(caller)), new LockNames.Name(row.get(name),
                    LockKind.of(row.get(kind)), row.get(function)));
        }
        return new UserLockNames(names);
    }

    private static String key(String function, String caller) {
        return caller == null || caller.isEmpty() ? function : function + " < " + caller;
    }

    /** The name the stack gives its futex word, or null. */
    public LockNames.Name of(List<Frame> frames) {
        for (int i = 0; i < frames.size(); i++) {
            String function = function(frames.get(i));
            LockNames.Name n = function == null ? null : byFunction.get(function);
            if (n != null) {
                String caller = i + 1 < frames.size() ? function(frames.get(i + 1)) : null;
                LockNames.Name byCaller = caller == null ? null
                        : byFunction.get(key(function, caller));
                return byCaller != null ? byCaller : n;
            }
        }
        return null;
    }

    /**
     * Where a wait on a user-space lock was called from: the first frame with a symbol past the
     * file's lock functions ({@code sym+0xoff}), else the innermost frame (a stack of lock
     * functions only), {@code Unknown} without frames.
     */
    public String caller(List<Frame> frames) {
        for (Frame f : frames) {
            if (f.symbol() != null && !byFunction.containsKey(function(f))) {
                return f.symbolWithOffset();
            }
        }
        return frames.isEmpty() ? UNKNOWN : frames.get(0).symbolWithOffset();
    }

    /** A frame's function as the file spells it: no __GI_ alias, version or C++ arguments. */
    static String function(Frame f) {
        String s = f.symbol();
        if (s == null) {
            return null;
        }
        if (s.startsWith(GLIBC_ALIAS)) {
            s = s.substring(GLIBC_ALIAS.length());
        }
        for (char end : new char[] {'(', '@'}) {
            int at = s.indexOf(end);
            if (at > 0) {
                s = s.substring(0, at);
            }
        }
        return s;
    }
}
