package dev.ptrace.analyze.read.tracepoint;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.SyscallEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * System calls in tracefs's own syntax: {@code sys_madvise(start: 0x7fe8bf800000, len_in:
 * 0x200000, behavior: 4)} for an entry (values hex or decimal) and {@code sys_madvise -> 0x0}
 * for an exit.
 */
public final class FtraceSyscallParser {
    private static final String SHAPE = "'sys_NAME(ARG: VALUE, ...)' or 'sys_NAME -> VALUE'";

    private FtraceSyscallParser() {
    }

    /** Whether {@code body} (the text after the timestamp) is a syscall in this syntax. */
    public static boolean matches(String body) {
        if (!body.startsWith("sys_")) {
            return false;
        }
        int paren = body.indexOf('(');
        int space = body.indexOf(' ');
        return (paren > 4 && (space < 0 || paren < space) && body.endsWith(")"))
                || (space > 4 && body.startsWith(" -> ", space));
    }

    /** The tracepoint name perf would print: {@code sys_enter_madvise}, {@code sys_exit_madvise}. */
    public static String tracepoint(String body) {
        int paren = body.indexOf('(');
        int space = body.indexOf(' ');
        boolean enter = paren > 0 && (space < 0 || paren < space);
        String name = body.substring(4, enter ? paren : space);
        return (enter ? PerfSyscallParser.ENTER : PerfSyscallParser.EXIT) + name;
    }

    public static SyscallEvent parse(EventHeader h, String body) {
        int paren = body.indexOf('(');
        int space = body.indexOf(' ');
        if (paren > 0 && (space < 0 || paren < space)) {
            return new SyscallEvent(h, true, body.substring(4, paren),
                    args(body.substring(paren + 1, body.length() - 1)), null);
        }
        if (space < 0 || !body.startsWith(" -> ", space)) {
            throw new PayloadException("expected " + SHAPE);
        }
        return new SyscallEvent(h, false, body.substring(4, space), Collections.emptyMap(),
                PerfSyscallParser.number(body.substring(space + 4).strip(), SHAPE));
    }

    private static Map<String, Long> args(String list) {
        Map<String, Long> args = new LinkedHashMap<>();
        if (list.isBlank()) {
            return args;
        }
        for (String part : list.split(", ")) {
            int colon = part.indexOf(": ");
            if (colon <= 0) {
                throw new PayloadException("expected " + SHAPE + ", found '" + part + "'");
            }
            args.put(part.substring(0, colon).strip(),
                    PerfSyscallParser.number(part.substring(colon + 2).strip(), SHAPE));
        }
        return args;
    }
}
