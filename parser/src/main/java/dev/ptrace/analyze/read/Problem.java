package dev.ptrace.analyze.read;

/**
 * An input line the reader could not use.
 *
 * @param line    1-based line number
 * @param reason  stable name of the kind of problem, counted in the {@code stats} table
 * @param message what was expected and what was found
 * @param text    the offending line, shortened
 */
public record Problem(long line, String reason, String message, String text) {
}
