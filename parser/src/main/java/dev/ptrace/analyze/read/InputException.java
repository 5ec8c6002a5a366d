package dev.ptrace.analyze.read;

/**
 * Input the tool cannot use, with where it is: printed to the user as one line,
 * {@code file:line: message} (or {@code file: message} when no line applies).
 */
public class InputException extends RuntimeException {
    private final String file;
    private final long line;

    public InputException(String file, long line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    public InputException(String file, long line, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem is not on a line. */
    public long line() {
        return line;
    }

    /** The one line shown to the user. */
    public String where() {
        return line > 0 ? file + ":" + line + ": " + getMessage() : file + ": " + getMessage();
    }
}
