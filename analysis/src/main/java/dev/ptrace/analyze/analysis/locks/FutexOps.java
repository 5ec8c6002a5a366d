package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.Locale;
import java.util.stream.Collectors;

/** The futex operations the analysis follows (futex-ops.tsv), by what each does to its word. */
public final class FutexOps {
    /** What a call does to its word: sleeps on it, takes a PI lock, wakes, unlocks a PI lock. */
    public enum Role {
        WAIT, LOCK, WAKE, UNLOCK;

        /** Whether its caller sleeps until woken: a wait on the word. */
        public boolean waits() {
            return this == WAIT || this == LOCK;
        }
    }

    private static final String VALUES = load();

    private FutexOps() {
    }

    /**
     * futex-ops.tsv as an SQL VALUES list of (op, role), the role in lower case, for the
     * queries that fill {roles} with it.
     */
    public static String values() {
        return VALUES;
    }

    private static String load() {
        TsvTable t = TsvTable.resource(FutexOps.class, "futex-ops.tsv");
        int op = t.column("op");
        int role = t.column("role");
        return t.rows().stream()
                .map(r -> "(" + Integer.parseInt(r.get(op)) + ", '"
                        + Role.valueOf(r.get(role).toUpperCase(Locale.ROOT)).name()
                                .toLowerCase(Locale.ROOT) + "')")
                .collect(Collectors.joining(", "));
    }
}
