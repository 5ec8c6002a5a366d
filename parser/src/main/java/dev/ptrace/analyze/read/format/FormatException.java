package dev.ptrace.analyze.read.format;

/** A format file, print format or tracing-data block that does not have the expected shape. */
public class FormatException extends RuntimeException {
    /** {@code expected}: what was expected, and where it helps, what was found. */
    public FormatException(String expected) {
        super("expected " + expected);
    }
}
