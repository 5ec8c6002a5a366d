package dev.ptrace.analyze.analysis.units;

/**
 * Durations the way {@code perf lock contention} prints them ({@code lock_stat_key_print_time}
 * in {@code tools/perf/builtin-lock.c}): two decimals in the largest unit of h, m, s, ms, us
 * that fits, whole nanoseconds below a microsecond. perf divides in single precision; so do we,
 * to round the same way.
 */
public final class PerfTime {
    private static final float[] BASES = {1e9f * 3600, 1e9f * 60, 1e9f, 1e6f, 1e3f};
    private static final String[] UNITS = {"h ", "m ", "s ", "ms", "us"};

    private PerfTime() {
    }

    /** {@code ns} right-aligned in {@code width} characters, unit included. */
    public static String format(long ns, int width) {
        for (int i = 0; i < BASES.length; i++) {
            if (ns >= BASES[i]) {
                float value = (float) ns / BASES[i];
                return String.format("%" + (width - 3) + ".2f %s", (double) value, UNITS[i]);
            }
        }
        return String.format("%" + (width - 3) + "d %s", ns, "ns");
    }

    /** {@code ns} in perf's units, without padding: 75.46 ms. */
    public static String format(long ns) {
        return format(ns, 12).strip();
    }
}
