package dev.ptrace.analyze.cli;

import java.io.IOException;

/** A file or folder the command cannot write: printed as one line, {@code file: message}. */
final class OutputException extends RuntimeException {
    private final String file;

    OutputException(String file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** {@code file} could not be written: the exception's kind says why. */
    static OutputException cannotWrite(Object file, IOException e) {
        return new OutputException(file.toString(), "cannot write ("
                + e.getClass().getSimpleName() + ")", e);
    }

    /** The one line shown to the user. */
    String where() {
        return file + ": " + getMessage();
    }
}
