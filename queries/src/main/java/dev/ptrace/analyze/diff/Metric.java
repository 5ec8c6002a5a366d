package dev.ptrace.analyze.diff;

import dev.ptrace.analyze.analysis.units.PerfTime;
import java.util.Locale;

/**
 * A figure of a trace that diff compares: a share of the trace's thread time (percent), a
 * count per thread-second, or nanoseconds (wait percentiles). A rise smaller than its unit's
 * floor is noise, not a regression; so is a percentile of fewer waits than it needs
 * ({@code minSamples}: at least 10 waits above it; 0 when the figure is no percentile, -1
 * when it never decides alone, as the longest wait).
 *
 * @param samples how many waits a percentile is taken of, how many calls a rate counts (0
 *     for other figures)
 */
public record Metric(String name, double value, Unit unit, long samples, long minSamples) {
    /** A figure that is no percentile. */
    public Metric(String name, double value, Unit unit) {
        this(name, value, unit, 0, 0);
    }

    public enum Unit {
        /** 1 percentage point of the thread time, 100 calls a thread-second, 100 us. */
        PERCENT(1.0), PER_SECOND(100), NS(100_000);

        /** The smallest rise a regression must have. */
        public final double floor;

        Unit(double floor) {
            this.floor = floor;
        }
    }

    /** Whether the figure is taken of enough waits to fail a build. */
    public boolean decides() {
        return minSamples == 0 || minSamples > 0 && samples >= minSamples;
    }

    public static String format(double v, Unit unit) {
        return switch (unit) {
            case PERCENT -> String.format(Locale.ROOT, "%.3f%%", v);
            case PER_SECOND -> String.format(Locale.ROOT, "%.1f/s", v);
            case NS -> PerfTime.format(Math.round(v));
        };
    }
}
