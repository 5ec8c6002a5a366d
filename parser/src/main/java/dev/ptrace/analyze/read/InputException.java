package dev.ptrace.analyze.read;

/**
 * Input the tool cannot use, with where it is: printed to the user as one line,
 * {@code file:line: message} (or {@code file: message} when no line applies).
 */
public class InputException extends RuntimeException {
    private final String file;
    private final long line;
    /** Where a binary input went wrong, in bytes from its start; -1 when not at a byte. */
    private long offset = -1;

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

    /**
     * A problem at byte {@code offset} of a binary input ({@code -1}: at no one byte), shown
     * as {@code file: at byte N: message}.
     */
    public static InputException atOffset(String file, long offset, String message) {
        InputException e = new InputException(file, 0, message);
        e.offset = offset;
        return e;
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
        if (offset >= 0) {
            return file + ": at byte " + offset + ": " + getMessage();
        }
        return line > 0 ? file + ":" + line + ": " + getMessage() : file + ": " + getMessage();
    }
}
