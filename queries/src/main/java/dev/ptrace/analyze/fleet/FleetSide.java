package dev.ptrace.analyze.fleet;

import dev.ptrace.analyze.query.UsageException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One side of a fleet comparison: the runs whose day, host, kernel, tool version or source
 * match every term of a spec such as {@code 2026-12-01..2026-12-03,host=ci-1}. Terms: a day
 * {@code YYYY-MM-DD} or days {@code FROM..TO} (both included), {@code host=NAME},
 * {@code kernel=RELEASE}, {@code tool=VERSION} (exact), {@code source=TEXT} (the source
 * contains it).
 */
public record FleetSide(String spec, Predicate<MetricRow> test) {
    /** The side a spec names. */
    public static FleetSide parse(String spec) {
        List<Predicate<MetricRow>> terms = new ArrayList<>();
        for (String term : spec.split(",")) {
            terms.add(term(spec, term.strip()));
        }
        return new FleetSide(spec, r -> terms.stream().allMatch(t -> t.test(r)));
    }

    private static Predicate<MetricRow> term(String spec, String term) {
        int eq = term.indexOf('=');
        if (eq < 0) {
            String[] days = term.split("\\.\\.", -1);
            if (days.length > 2) {
                throw bad(spec, term);
            }
            LocalDate from = day(spec, days[0]);
            LocalDate to = days.length == 2 ? day(spec, days[1]) : from;
            return r -> !r.date().isBefore(from) && !r.date().isAfter(to);
        }
        String key = term.substring(0, eq);
        String value = term.substring(eq + 1);
        return switch (key) {
            case "host" -> r -> value.equals(r.host());
            case "kernel" -> r -> value.equals(r.osRelease());
            case "tool" -> r -> value.equals(r.toolVersion());
            case "source" -> r -> r.source() != null && r.source().contains(value);
            default -> throw bad(spec, term);
        };
    }

    private static LocalDate day(String spec, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw bad(spec, text);
        }
    }

    private static UsageException bad(String spec, String term) {
        return new UsageException("runs '" + spec + "': cannot read '" + term + "' (a day "
                + "YYYY-MM-DD, days FROM..TO, host=NAME, kernel=RELEASE, tool=VERSION or "
                + "source=TEXT, joined by commas)");
    }
}
