package dev.ptrace.analyze.read.ftrace;

import dev.ptrace.analyze.event.Frame;

/**
 * A frame of a tracefs {@code <stack trace>} block, leaf first:
 * <pre>
 *  => __pv_queued_spin_lock_slowpath
 *  => folio_lruvec_lock_irqsave+0x5f/0x80        (sym-offset option)
 *  => do_madvise+0x137/0x1c0 &lt;ffffffff81655d67&gt;  (sym-addr option)
 *  => 0xffffffffc0a1b2c3                          (no symbol)
 *  => &lt;00007f58590f2ad7&gt;                        (user stack, address only)
 * => rwsem_down_read_slowpath (ffffffff8226a535)   (trace-cmd report)
 * </pre>
 */
public final class FtraceStackLine {
    static final String PREFIX = " => ";
    static final String KERNEL = "[kernel.kallsyms]";

    private FtraceStackLine() {
    }

    public static boolean isFrame(String line) {
        return line.startsWith(PREFIX) || line.startsWith("=> ");
    }

    /**
     * The frame of a {@code  => ...} line, or null when the line has no frame shape.
     * Numbers too large for their field (a damaged line) make the line malformed too.
     */
    public static Frame parse(String line, boolean user) {
        try {
            return parseOrThrow(line, user);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** {@link #parse}, which throws on a number out of range for its field. */
    private static Frame parseOrThrow(String line, boolean user) {
        String s = line.strip();
        if (!s.startsWith("=> ")) {
            return null;
        }
        s = s.substring(3).strip();
        String module = user ? null : KERNEL;
        String ip = null;
        char close = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        int open = close == '>' ? s.lastIndexOf('<') : close == ')' ? s.lastIndexOf('(') : -1;
        if (open >= 0) {
            ip = hex(s.substring(open + 1, s.length() - 1));
            s = s.substring(0, open).strip();
            if (ip == null) {
                return null;
            }
        }
        if (s.isEmpty()) {
            return ip == null ? null : new Frame(ip, null, 0, module);
        }
        if (s.startsWith("0x") && hex(s.substring(2)) != null) {
            return new Frame(hex(s.substring(2)), null, 0, module);
        }
        String symbol = s;
        long offset = 0;
        int plus = s.lastIndexOf("+0x");
        if (plus > 0) {
            int slash = s.indexOf('/', plus);
            String off = s.substring(plus + 3, slash < 0 ? s.length() : slash);
            if (hex(off) != null) {
                offset = Long.parseUnsignedLong(off, 16);
                symbol = s.substring(0, plus);
            }
        }
        return new Frame(ip, symbol, offset, module);
    }

    /** Lower-case hex digits without 0x and leading zeros, or null when not hex. */
    private static String hex(String s) {
        if (s.isEmpty() || s.length() > 16) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return null;
            }
        }
        String t = s.toLowerCase().replaceFirst("^0+(?=.)", "");
        return t;
    }
}
