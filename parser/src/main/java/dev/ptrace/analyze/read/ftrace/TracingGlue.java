package dev.ptrace.analyze.read.ftrace;

import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.List;

/** The tracing machinery's own frames on top of ftrace stacks (tracing-glue.tsv). */
final class TracingGlue {
    private record Rule(String function, boolean prefix) {
        boolean matches(String symbol) {
            return prefix ? symbol.startsWith(function) : symbol.equals(function);
        }
    }

    private static final List<Rule> RULES = load();

    private TracingGlue() {
    }

    /** How many frames at the top of {@code frames} belong to the tracing machinery. */
    static int leading(List<Frame> frames) {
        int n = 0;
        while (n < frames.size() && isGlue(frames.get(n))) {
            n++;
        }
        return n;
    }

    private static boolean isGlue(Frame f) {
        if (f.symbol() == null) {
            return false;
        }
        for (Rule r : RULES) {
            if (r.matches(f.symbol())) {
                return true;
            }
        }
        return false;
    }

    private static List<Rule> load() {
        TsvTable t = TsvTable.resource(TracingGlue.class, "tracing-glue.tsv");
        int function = t.column("function");
        int match = t.column("match");
        return t.rows().stream().map(r -> new Rule(r.get(function), r.get(match).equals("prefix")))
                .toList();
    }
}
