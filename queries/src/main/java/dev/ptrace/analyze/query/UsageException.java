package dev.ptrace.analyze.query;

/** A request the user can correct: an unknown trace id, a missing option, a bad query. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
