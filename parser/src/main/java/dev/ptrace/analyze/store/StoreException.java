package dev.ptrace.analyze.store;

/** The database refused a write or a read: full disk, read-only file, held by another process. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
