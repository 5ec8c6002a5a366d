package dev.ptrace.analyze.check;

import dev.ptrace.analyze.analysis.units.PerfTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's threshold as written ({@code 100 ms}, {@code 50%}, {@code 100}): its value in the
 * unit the rule's query returns (ns for durations), and how to print values of that unit.
 */
public record Threshold(String text, double value, Unit unit) {
    private static final Pattern FORM =
            Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|ms|s|%)?\\s*");

    /** What the values are: nanoseconds, a percentage, or a plain number. */
    public enum Unit { NS, PERCENT, NUMBER }

    /** Parses a threshold, or throws IllegalArgumentException saying what is expected. */
    public static Threshold parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("threshold '" + text + "': expected a number, "
                    + "optionally with ns, us, ms, s or %");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "ns" -> new Threshold(text.strip(), n, Unit.NS);
            case "us" -> new Threshold(text.strip(), n * 1e3, Unit.NS);
            case "ms" -> new Threshold(text.strip(), n * 1e6, Unit.NS);
            case "s" -> new Threshold(text.strip(), n * 1e9, Unit.NS);
            case "%" -> new Threshold(text.strip(), n, Unit.PERCENT);
            default -> new Threshold(text.strip(), n, Unit.NUMBER);
        };
    }

    /** A value of the rule's query, printed in the threshold's unit. */
    public String format(double v) {
        return switch (unit) {
            case NS -> PerfTime.format(Math.round(v));
            case PERCENT -> String.format(Locale.ROOT, "%.1f%%", v);
            case NUMBER -> v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v)
                    : String.format(Locale.ROOT, "%.2f", v);
        };
    }
}
