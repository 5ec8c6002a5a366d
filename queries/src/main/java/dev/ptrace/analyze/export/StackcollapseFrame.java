package dev.ptrace.analyze.export;

import dev.ptrace.analyze.event.Frame;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A frame named as FlameGraph's stackcollapse-perf.pl names the callchain line perf script
 * printed for it (default options: tidy-generic and tidy-java on, no annotations but the
 * {@code _[i]} of inlined parts): the line is printed again from the frame, then read with the
 * script's own patterns, so that every rule applies as it does there.
 */
final class StackcollapseFrame {
    /** The script's callchain line: address, function, module in the last parentheses. */
    private static final Pattern LINE = Pattern.compile("^\\s*(\\w+)\\s*(.+) \\((.*)\\)");
    private static final Pattern OFFSET = Pattern.compile("\\+0x[\\da-f]+$");
    /** Parts of a function perf-map-agent unfolded ({@code outer->inlined}). */
    private static final Pattern INLINED_PARTS = Pattern.compile("->");
    /** A Go method such as net/http.(*Client).Do keeps its parentheses. */
    private static final Pattern GO_METHOD = Pattern.compile("\\.\\(.*\\)\\.");
    /** Everything from the first '(' that does not open "(anonymous namespace)". */
    private static final Pattern ARGUMENTS = Pattern.compile("\\((?!anonymous namespace\\)).*");
    private static final String UNKNOWN = "[unknown]";
    private static final String INLINED_MARK = "_[i]";

    private StackcollapseFrame() {
    }

    /**
     * The frame's names, root-most first and joined by {@code ;} (one, or one per inlined
     * part); null when the script leaves the frame out. {@code pname}: the process name the
     * script puts first (its Java rules apply to names starting with {@code java}).
     */
    static String name(Frame f, String pname) {
        String line = f.ip() + " " + (f.symbol() == null ? UNKNOWN : f.symbolWithOffset())
                + " (" + (f.module() == null ? UNKNOWN : f.module()) + ")";
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return null;
        }
        String rawfunc = OFFSET.matcher(m.group(2)).replaceFirst("");
        String mod = m.group(3);
        if (rawfunc.startsWith("(") || rawfunc.isEmpty()) {
            return null;
        }
        StringJoiner names = new StringJoiner(";");
        String[] parts = INLINED_PARTS.split(rawfunc);
        for (int i = 0; i < parts.length; i++) {
            String func = tidy(parts[i], mod, pname);
            if (i > 0 && !func.contains(INLINED_MARK)) {
                func += INLINED_MARK;
            }
            names.add(func);
        }
        return names.toString();
    }

    private static String tidy(String part, String mod, String pname) {
        String func = part;
        if (func.equals(UNKNOWN)) {
            // the module's file name instead, if known
            func = "[" + (mod.equals(UNKNOWN) ? "unknown" : mod.substring(mod.lastIndexOf('/') + 1))
                    + "]";
        }
        func = func.replace(';', ':');
        if (!GO_METHOD.matcher(func).find()) {
            func = ARGUMENTS.matcher(func).replaceFirst("");
        }
        func = func.replace("\"", "").replace("'", "");
        if (pname.startsWith("java") && func.contains("/") && func.startsWith("L")) {
            func = func.substring(1);
        }
        return func;
    }
}
