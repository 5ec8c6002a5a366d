package dev.ptrace.analyze.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code perf lock contention} printed for a recording (the {@code .oracle} files): its
 * rows with each figure and the precision it was printed with.
 */
public final class PerfLockOracle {
    /** A printed duration: the value in ns and half a unit of its last digit. */
    public record Time(long ns, long halfUnitNs) {
        /** A duration as perf or the tool prints it: {@code 247.79 ms}, {@code 1.04 s}. */
        public static Time of(String printed) {
            String[] p = printed.strip().split("\\s+");
            return time(p[0], p[1]);
        }

        /** Whether {@code actualNs} rounds to this, with {@code slackNs} more either way. */
        public boolean covers(long actualNs, long slackNs) {
            return Math.abs(actualNs - ns) <= halfUnitNs + slackNs;
        }
    }

    /** One printed row; {@code key} is the type (caller mode) or the pid (thread mode). */
    public record Row(long contended, Time total, Time max, Time avg, String key, String label) {
    }

    private static final String TIME = "([\\d.]+) (h |m |s |ms|us|ns)";
    private static final Pattern ROW = Pattern.compile("^\\s*(\\d+)\\s+" + TIME + "\\s+" + TIME
            + "\\s+" + TIME + "\\s+(\\S+)\\s+(.*)$");

    private PerfLockOracle() {
    }

    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(Long.parseLong(m.group(1)), time(m.group(2), m.group(3)),
                        time(m.group(4), m.group(5)), time(m.group(6), m.group(7)),
                        m.group(8), m.group(9).strip()));
            }
        }
        return rows;
    }

    private static Time time(String value, String unit) {
        double base = switch (unit.strip()) {
            case "h" -> 3600e9;
            case "m" -> 60e9;
            case "s" -> 1e9;
            case "ms" -> 1e6;
            case "us" -> 1e3;
            default -> 1;
        };
        // half a unit of the last digit printed: 5 us on "12.34 ms", 0.5 ms on "782 ms"
        int decimals = value.contains(".") ? value.length() - value.indexOf('.') - 1 : 0;
        long half = base == 1 ? 0 : Math.round(base * 0.5 / Math.pow(10, decimals));
        return new Time(Math.round(Double.parseDouble(value) * base), half);
    }
}
