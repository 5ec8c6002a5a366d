package dev.ptrace.analyze.read.perf;

import dev.ptrace.analyze.event.Frame;

/**
 * A callchain line of {@code perf script -g} output, leaf first, one tab in front:
 * <pre>
 * 	ffffffff8226a37c rwsem_down_write_slowpath+0x3cc ([kernel.kallsyms])
 * 	          1019b3 __mmap+0x13 (/usr/lib/x86_64-linux-gnu/libc.so.6)
 * 	    7f58590f2ad7 [unknown] ([unknown])
 * </pre>
 * The same shape follows the event name of a sample without callchain.
 */
public final class PerfFrameLine {
    private static final String UNKNOWN = "[unknown]";

    private PerfFrameLine() {
    }

    /**
     * The frame, or null when the line does not have the shape.
     * Numbers too large for their field (a damaged line) make the line malformed too.
     */
    public static Frame parse(String line) {
        try {
            return parseOrThrow(line);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** {@link #parse}, which throws on a number out of range for its field. */
    private static Frame parseOrThrow(String line) {
        String s = line.strip();
        int space = s.indexOf(' ');
        if (space <= 0 || !isHex(s, 0, space)) {
            return null;
        }
        String ip = s.substring(0, space);
        String rest = s.substring(space + 1).strip();
        String module = null;
        int open = moduleStart(rest);
        if (open > 0) {
            module = rest.substring(open + 1, rest.length() - 1);
            rest = rest.substring(0, open).strip();
        }
        if (module != null && module.equals(UNKNOWN)) {
            module = null;
        }
        if (rest.isEmpty() || rest.equals(UNKNOWN)) {
            return new Frame(ip, null, 0, module);
        }
        int plus = rest.lastIndexOf("+0x");
        if (plus > 0 && isHex(rest, plus + 3, rest.length())) {
            return new Frame(ip, rest.substring(0, plus),
                    Long.parseUnsignedLong(rest, plus + 3, rest.length(), 16), module);
        }
        plus = rest.lastIndexOf('+');
        if (plus > 0 && isDecimal(rest, plus + 1, rest.length())) {
            return new Frame(ip, rest.substring(0, plus),
                    Long.parseLong(rest, plus + 1, rest.length(), 10), module);
        }
        return new Frame(ip, rest, 0, module);
    }

    /**
     * Index of the {@code (} that opens the module at the end of {@code s}, matched against
     * the final {@code )} so that {@code (/tmp/x (deleted))} stays whole; -1 when none.
     */
    private static int moduleStart(String s) {
        if (!s.endsWith(")")) {
            return -1;
        }
        int depth = 0;
        for (int i = s.length() - 1; i > 0; i--) {
            char c = s.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                return s.charAt(i - 1) == ' ' ? i : -1;
            }
        }
        return -1;
    }

    private static boolean isDecimal(String s, int start, int end) {
        if (end <= start || end - start > 18) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String s, int start, int end) {
        if (end <= start || end - start > 16) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
