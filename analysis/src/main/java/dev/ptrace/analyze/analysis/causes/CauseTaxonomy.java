package dev.ptrace.analyze.analysis.causes;

import dev.ptrace.analyze.knowledge.TsvTable;
import dev.ptrace.analyze.read.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cause taxonomy (causes.tsv): kernel functions and syscalls to causes, with
 * a priority for when a stack matches several. Users add to it or override it with their own
 * file of the same columns.
 */
public final class CauseTaxonomy {
    /** A row: the cause a name stands for, and its priority (lower wins). */
    record Entry(String cause, int priority) {
    }

    private final Map<String, Entry> functions = new HashMap<>();
    private final Map<String, Entry> syscalls = new HashMap<>();
    private final Map<String, Entry> outsideSyscall = new HashMap<>();

    private CauseTaxonomy() {
    }

    public static CauseTaxonomy shipped() {
        CauseTaxonomy t = new CauseTaxonomy();
        t.add(TsvTable.resource(CauseTaxonomy.class, "causes.tsv"));
        return t;
    }

    /** The shipped taxonomy with the rows of {@code file} added (a name given again replaces). */
    public static CauseTaxonomy withFile(Path file) {
        CauseTaxonomy t = shipped();
        try {
            t.add(TsvTable.file(file));
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read the causes file ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new InputException(file.toString(), 0, e.getMessage(), e);
        }
        return t;
    }

    /** The entry of a function; a compiler's clone (name.part.0, .isra.0, .cold) is the function. */
    Entry function(String name) {
        if (name == null) {
            return null;
        }
        Entry e = functions.get(name);
        int dot = name.indexOf('.');
        return e != null || dot <= 0 ? e : functions.get(name.substring(0, dot));
    }

    Entry syscall(String name) {
        return name == null ? null : syscalls.get(name);
    }

    /** What a thread holding the named lock does when it is in no syscall. */
    Entry outsideSyscall(String lockName) {
        return lockName == null ? null : outsideSyscall.get(lockName);
    }

    private void add(TsvTable t) {
        int kind = t.column("kind");
        int name = t.column("name");
        int cause = t.column("cause");
        int priority = t.column("priority");
        for (List<String> row : t.rows()) {
            Map<String, Entry> into = switch (row.get(kind)) {
                case "function" -> functions;
                case "syscall" -> syscalls;
                case "outside syscall" -> outsideSyscall;
                default -> throw new IllegalArgumentException(t.source() + ": kind '"
                        + row.get(kind) + "' is not function, syscall or outside syscall");
            };
            into.put(row.get(name), new Entry(row.get(cause),
                    Integer.parseInt(row.get(priority).strip())));
        }
    }
}
