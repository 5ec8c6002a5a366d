package dev.ptrace.analyze.cli;

/** A file or folder the command cannot write: printed as one line, {@code file: message}. */
final class OutputException extends RuntimeException {
    private final String file;

    OutputException(String file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The one line shown to the user. */
    String where() {
        return file + ": " + getMessage();
    }
}
