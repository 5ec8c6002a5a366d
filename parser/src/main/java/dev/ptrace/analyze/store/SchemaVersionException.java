package dev.ptrace.analyze.store;

/** A database written with tables of another version than this tool's. */
public class SchemaVersionException extends RuntimeException {
    public SchemaVersionException(int found, int expected) {
        super("database has schema version " + found + ", this ptrace-analyze reads version "
                + expected + "; ingest the traces again into a new database");
    }
}
