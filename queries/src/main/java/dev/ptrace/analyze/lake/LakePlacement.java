package dev.ptrace.analyze.lake;

import java.time.LocalDate;

/**
 * Where traces are filed when their captures do not say, or say otherwise than wanted
 * ({@code --date}, {@code --host}); null: what the capture says.
 */
public record LakePlacement(LocalDate date, String host) {
    public static final LakePlacement FROM_CAPTURE = new LakePlacement(null, null);
}
