package dev.ptrace.analyze.read.perf;

import java.util.Map;

/**
 * A line of the header block {@code perf script --header} prints before the events:
 * <pre>
 * # ========
 * # os release : 6.18.44-fc-v769
 * # nrcpus online : 2
 * # cmdline : /usr/bin/perf record -q -o /tmp/cap/p.data -g -e lock:contention_begin ...
 * </pre>
 * Only {@code # key : value} lines carry facts; the {@code # event : ...} lines, one per
 * event, are kept too, under numbered keys.
 */
public final class PerfHeaderBlock {
    private PerfHeaderBlock() {
    }

    /** Adds the fact on {@code line} to {@code into}; returns false when the line has none. */
    public static boolean read(String line, Map<String, String> into) {
        if (!line.startsWith("# ")) {
            return false;
        }
        int sep = line.indexOf(" : ");
        if (sep < 2) {
            return false;
        }
        String key = line.substring(2, sep).strip();
        String value = line.substring(sep + 3).strip();
        if (key.isEmpty() || key.contains("  ")) {
            return false;
        }
        if (into.containsKey(key)) {
            int n = 2;
            while (into.containsKey(key + " " + n)) {
                n++;
            }
            key = key + " " + n;
        }
        into.put(key, value);
        return true;
    }
}
