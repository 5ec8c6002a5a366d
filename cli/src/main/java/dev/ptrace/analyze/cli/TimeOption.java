package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.query.UsageException;
import java.math.BigDecimal;

/** perf script's {@code --time start,end}: seconds with decimals, either end may be empty. */
final class TimeOption {
    private TimeOption() {
    }

    static Long from(String window) {
        return part(window, 0);
    }

    static Long to(String window) {
        return part(window, 1);
    }

    private static Long part(String window, int i) {
        if (window == null) {
            return null;
        }
        String[] parts = window.split(",", -1);
        if (parts.length != 2) {
            throw new UsageException("--time: expected START,END in seconds (either may be "
                    + "empty), found '" + window + "'");
        }
        String p = parts[i].strip();
        if (p.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(p).movePointRight(9).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("--time: '" + p + "' is not a time in seconds");
        }
    }
}
