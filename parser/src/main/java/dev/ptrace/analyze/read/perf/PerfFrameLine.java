package dev.ptrace.analyze.read.perf;

import dev.ptrace.analyze.event.Frame;

/**
 * A callchain line of {@code perf script -g} output, leaf first, one tab in front; its symbol
 * ({@code -F sym}, {@code symoff}) and module ({@code dso}) are there when printed:
 * <pre>
 * 	ffffffff8226a37c rwsem_down_write_slowpath+0x3cc ([kernel.kallsyms])
 * 	          1019b3 __mmap+0x13 (/usr/lib/x86_64-linux-gnu/libc.so.6)
 * 	    7f58590f2ad7 [unknown] ([unknown])
 * 	            11d6 mix (inlined)
 * 	ffffffff8226a37c rwsem_down_write_slowpath
 * 	ffffffff8226a37c
 * 	    7fc9c6303193 0x7fc9c6303193 ([unknown])     bpftrace's ustack(perf), frame not named
 * </pre>
 * A function inlined into the frame below it ({@code perf script --inline}) has
 * {@code (inlined)} where the module goes: its module is the next frame's. The same shape
 * follows the event name of an event printed without its callchain.
 */
public final class PerfFrameLine {
    private static final String UNKNOWN = "[unknown]";
    /** What perf prints in place of the module of an inlined function. */
    private static final String INLINED = "inlined";

    /**
     * An event line's payload split where the address perf printed after it begins
     * ({@code -F trace,ip,sym,dso} without callchain): the tracepoint's own text, the frame.
     */
    public record OnEventLine(String payload, String frameText, Frame frame) {
    }

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

    /**
     * The frame at the end of {@code payload}, printed with its module, and the text before it;
     * null when it does not end so. The frame starts at the first hexadecimal word from which
     * the rest is a frame line.
     */
    public static OnEventLine atEnd(String payload) {
        if (!payload.endsWith(")")) {
            return null;
        }
        for (int i = 0; i < payload.length(); i++) {
            if ((i == 0 || payload.charAt(i - 1) == ' ') && payload.charAt(i) != ' ') {
                int end = payload.indexOf(' ', i);
                String text = payload.substring(i);
                Frame f = end > i && isHex(payload, i, end) ? parse(text) : null;
                if (f != null) {
                    return new OnEventLine(payload.substring(0, i).strip(), text, f);
                }
            }
        }
        return null;
    }

    /** Whether {@code line}, a frame line, shows a module ({@code -F dso}) or {@code (inlined)}. */
    public static boolean showsModule(String line) {
        String s = line.strip();
        int space = s.indexOf(' ');
        return space > 0 && moduleStart(s.substring(space + 1).strip()) >= 0;
    }

    /** {@link #parse}, which throws on a number out of range for its field. */
    private static Frame parseOrThrow(String line) {
        String s = line.strip();
        int space = s.indexOf(' ');
        if (space < 0) {
            // the address alone (-F ip without sym)
            return isHex(s, 0, s.length()) ? new Frame(s, null, 0, null) : null;
        }
        if (space == 0 || !isHex(s, 0, space)) {
            return null;
        }
        String ip = s.substring(0, space);
        String rest = s.substring(space + 1).strip();
        String module = null;
        int open = moduleStart(rest);
        if (open >= 0) {
            module = rest.substring(open + 1, rest.length() - 1);
            rest = rest.substring(0, open).strip();
        }
        if (module != null && (module.equals(UNKNOWN) || module.equals(INLINED))) {
            module = null;
        }
        if (rest.isEmpty() || rest.equals(UNKNOWN) || isOwnAddress(rest, ip)) {
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

    /** Whether {@code name} is the address again: how bpftrace prints a frame it did not name. */
    private static boolean isOwnAddress(String name, String ip) {
        return name.length() == ip.length() + 2 && name.startsWith("0x")
                && name.regionMatches(true, 2, ip, 0, ip.length());
    }

    /**
     * Index of the {@code (} that opens the module at the end of {@code s}, matched against
     * the final {@code )} so that {@code (/tmp/x (deleted))} stays whole; 0 for a module
     * without symbol (no {@code -F sym}); -1 when none.
     */
    private static int moduleStart(String s) {
        if (!s.endsWith(")")) {
            return -1;
        }
        int depth = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                return i == 0 || s.charAt(i - 1) == ' ' ? i : -1;
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
