package dev.ptrace.analyze.diff;

import dev.ptrace.analyze.analysis.units.PerfTime;
import java.util.Locale;

/**
 * A figure of a trace that diff compares: a share of the trace's thread time (percent), a
 * count per thread-second, or nanoseconds (wait percentiles). Below its unit's floor a change
 * is noise, not a regression.
 */
public record Metric(String name, double value, Unit unit) {
    public enum Unit {
        PERCENT(0.1), PER_SECOND(10), NS(10_000);

        /** The smallest value a regression must reach. */
        public final double floor;

        Unit(double floor) {
            this.floor = floor;
        }
    }

    public static String format(double v, Unit unit) {
        return switch (unit) {
            case PERCENT -> String.format(Locale.ROOT, "%.3f%%", v);
            case PER_SECOND -> String.format(Locale.ROOT, "%.1f/s", v);
            case NS -> PerfTime.format(Math.round(v));
        };
    }
}
